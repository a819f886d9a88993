package app.asynchealth.assessment.invitation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A seat's life: its code waits for the respondent, who claims it; only a seat nobody has claimed can be revoked. */
public enum InvitationStatus {
    @JsonProperty("pending")
    PENDING,
    @JsonProperty("claimed")
    CLAIMED,
    @JsonProperty("revoked")
    REVOKED
}
