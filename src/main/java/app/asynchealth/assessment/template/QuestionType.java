package app.asynchealth.assessment.template;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum QuestionType {
    /** An integer from 1 to 5 on a labelled agreement or quality scale. */
    @JsonProperty("likert-5")
    LIKERT_5,
    /** One choice key. */
    @JsonProperty("single-choice")
    SINGLE_CHOICE,
    /** One or more distinct choice keys. */
    @JsonProperty("multi-choice")
    MULTI_CHOICE,
    /** A number between the question's min and max, in its unit. */
    @JsonProperty("number")
    NUMBER,
    /** A number from 0 to 100. */
    @JsonProperty("percent")
    PERCENT,
    /** Text, never scored and returned to nobody but its author. */
    @JsonProperty("free-text")
    FREE_TEXT;

    public boolean hasChoices() {
        return this == SINGLE_CHOICE || this == MULTI_CHOICE;
    }
}
