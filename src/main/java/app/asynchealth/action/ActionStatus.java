package app.asynchealth.action;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where an action stands; done and dropped actions are no longer announced as due. */
public enum ActionStatus {
    @JsonProperty("planned")
    PLANNED("planned"),
    @JsonProperty("in-progress")
    IN_PROGRESS("in-progress"),
    @JsonProperty("done")
    DONE("done"),
    @JsonProperty("dropped")
    DROPPED("dropped");

    private final String wireName;

    ActionStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean open() {
        return this == PLANNED || this == IN_PROGRESS;
    }

    /** Stored by its wire name, as the table's check constraint has it. */
    @Converter
    public static class Column implements AttributeConverter<ActionStatus, String> {

        @Override
        public String convertToDatabaseColumn(ActionStatus status) {
            return status == null ? null : status.wireName;
        }

        @Override
        public ActionStatus convertToEntityAttribute(String stored) {
            for (ActionStatus status : values()) {
                if (status.wireName.equals(stored)) {
                    return status;
                }
            }
            throw new IllegalStateException("unknown action status " + stored);
        }
    }
}
