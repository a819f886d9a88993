package app.asynchealth.platform.persistence;

import java.util.Arrays;

import jakarta.persistence.AttributeConverter;

/**
 * Stores an enum by its name on the wire, so that a table's check constraint, the API and the rows say the same word.
 * A subclass per enum names it (JPA instantiates converters without arguments).
 */
public abstract class WireNameColumn<E extends Enum<E> & WireNameColumn.WireNamed> implements AttributeConverter<E, String> {

    /** An enum whose constants have a name on the wire. */
    public interface WireNamed {
        String wireName();
    }

    private final Class<E> type;

    protected WireNameColumn(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : value.wireName();
    }

    @Override
    public E convertToEntityAttribute(String stored) {
        if (stored == null) {
            return null;
        }
        return Arrays.stream(type.getEnumConstants()).filter(value -> value.wireName().equals(stored)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown " + type.getSimpleName() + " " + stored));
    }
}
