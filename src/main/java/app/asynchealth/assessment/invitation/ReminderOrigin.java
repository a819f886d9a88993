package app.asynchealth.assessment.invitation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a reminder goes out: one of the schedule's offsets before the round closes, or the lead asked for it. */
public enum ReminderOrigin {
    @JsonProperty("schedule")
    SCHEDULE,
    @JsonProperty("manual")
    MANUAL
}
