package app.asynchealth.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Company-size bands, as the State of Async Work 2026 report segments its respondents. */
public enum CompanySize {
    @JsonProperty("1-50")
    SMALL,
    @JsonProperty("51-500")
    MEDIUM,
    @JsonProperty("500+")
    LARGE
}
