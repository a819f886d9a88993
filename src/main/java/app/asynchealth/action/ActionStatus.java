package app.asynchealth.action;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonProperty;

import app.asynchealth.platform.persistence.WireNameColumn;

/** Where an action stands; done and dropped actions are no longer announced as due. */
public enum ActionStatus implements WireNameColumn.WireNamed {
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

    @Override
    public String wireName() {
        return wireName;
    }

    public boolean open() {
        return this == PLANNED || this == IN_PROGRESS;
    }

    /** Stored by its wire name, as the table's check constraint has it. */
    @Converter
    public static class Column extends WireNameColumn<ActionStatus> {

        public Column() {
            super(ActionStatus.class);
        }
    }
}
