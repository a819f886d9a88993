package app.asynchealth.schedule;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a scheduled round's invitations reach the members. Only e-mail: nobody is there to pass codes on when the
 * service opens a round by itself.
 */
public enum ScheduleDelivery {
    @JsonProperty("email")
    EMAIL
}
