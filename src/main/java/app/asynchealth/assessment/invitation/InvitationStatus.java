package app.asynchealth.assessment.invitation;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum InvitationStatus {
    @JsonProperty("active")
    ACTIVE,
    @JsonProperty("revoked")
    REVOKED
}
