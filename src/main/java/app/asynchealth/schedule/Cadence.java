package app.asynchealth.schedule;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How often a team's rounds come: every N weeks on the weekday of the first, or monthly on the day of the first. */
public enum Cadence {
    @JsonProperty("weekly")
    WEEKLY,
    @JsonProperty("monthly")
    MONTHLY
}
