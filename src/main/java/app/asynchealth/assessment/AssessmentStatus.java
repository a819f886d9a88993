package app.asynchealth.assessment;

import com.fasterxml.jackson.annotation.JsonProperty;

/** draft → open → closed. Answers are accepted only while open. */
public enum AssessmentStatus {
    @JsonProperty("draft")
    DRAFT,
    @JsonProperty("open")
    OPEN,
    @JsonProperty("closed")
    CLOSED
}
