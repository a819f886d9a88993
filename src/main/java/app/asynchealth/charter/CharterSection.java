package app.asynchealth.charter;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonProperty;

import app.asynchealth.platform.persistence.WireNameColumn;

/** The section of the team's communication charter an action changes, when it is a change of the charter. */
public enum CharterSection implements WireNameColumn.WireNamed {
    @JsonProperty("channels")
    CHANNELS("channels"),
    @JsonProperty("response-expectations")
    RESPONSE_EXPECTATIONS("response-expectations"),
    @JsonProperty("after-hours")
    AFTER_HOURS("after-hours"),
    @JsonProperty("meetings")
    MEETINGS("meetings"),
    @JsonProperty("focus")
    FOCUS("focus"),
    @JsonProperty("knowledge")
    KNOWLEDGE("knowledge");

    private final String wireName;

    CharterSection(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** Stored by its wire name, as the table's check constraint has it. */
    @Converter
    public static class Column extends WireNameColumn<CharterSection> {

        public Column() {
            super(CharterSection.class);
        }
    }
}
