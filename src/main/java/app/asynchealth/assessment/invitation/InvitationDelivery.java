package app.asynchealth.assessment.invitation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a seat's claim code reached its member, and so who else saw it. */
public enum InvitationDelivery {
    /** Returned to whoever invited, who passes it on: they saw it. */
    @JsonProperty("code")
    CODE,
    /** E-mailed by the service to the member's address: nobody else saw it. */
    @JsonProperty("email")
    EMAIL,
    /** No code at all: the member's own account took the seat by answering. */
    @JsonProperty("account")
    ACCOUNT
}
