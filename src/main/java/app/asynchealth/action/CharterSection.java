package app.asynchealth.action;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The section of the team's communication charter an action changes, when it is a change of the charter. */
public enum CharterSection {
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

    /** Stored by its wire name, as the table's check constraint has it. */
    @Converter
    public static class Column implements AttributeConverter<CharterSection, String> {

        @Override
        public String convertToDatabaseColumn(CharterSection section) {
            return section == null ? null : section.wireName;
        }

        @Override
        public CharterSection convertToEntityAttribute(String stored) {
            if (stored == null) {
                return null;
            }
            for (CharterSection section : values()) {
                if (section.wireName.equals(stored)) {
                    return section;
                }
            }
            throw new IllegalStateException("unknown charter section " + stored);
        }
    }
}
