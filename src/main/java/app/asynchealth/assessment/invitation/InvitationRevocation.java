package app.asynchealth.assessment.invitation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a seat's code was revoked, so that a lead knows what to do about the member: nothing, invite again, or mend. */
public enum InvitationRevocation {
    /** A lead or tenant admin withdrew it. */
    @JsonProperty("withdrawn")
    WITHDRAWN,
    /** A reissue replaced it with a new invitation. */
    @JsonProperty("reissued")
    REISSUED,
    /** The member's mail server refused the address for good (no such mailbox): mend it, then invite again. */
    @JsonProperty("mailbox-refused")
    MAILBOX_REFUSED,
    /** The mail server deferred the mail or did not answer: nobody holds the code; invite again later. */
    @JsonProperty("mail-not-taken")
    MAIL_NOT_TAKEN
}
