package app.asynchealth.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The predominant working style of a tenant's organisation. */
public enum WorkingStyle {
    @JsonProperty("remote")
    REMOTE,
    @JsonProperty("hybrid")
    HYBRID,
    @JsonProperty("in-office")
    IN_OFFICE
}
