package app.asynchealth.response;

import java.math.BigDecimal;
import java.util.List;

/** A validated answer: exactly one of the values is set, according to its question's type. */
public record AnswerValue(String questionKey, BigDecimal number, String choice, List<String> choices, String text) {

    public static AnswerValue number(String key, BigDecimal value) {
        return new AnswerValue(key, value, null, null, null);
    }

    public static AnswerValue choice(String key, String value) {
        return new AnswerValue(key, null, value, null, null);
    }

    public static AnswerValue choices(String key, List<String> values) {
        return new AnswerValue(key, null, null, List.copyOf(values), null);
    }

    public static AnswerValue text(String key, String value) {
        return new AnswerValue(key, null, null, null, value);
    }

    /** The value as it is written in JSON. */
    public Object json() {
        if (number != null) {
            return number.stripTrailingZeros().scale() <= 0 ? number.toBigIntegerExact() : number.stripTrailingZeros();
        }
        if (choice != null) {
            return choice;
        }
        return choices != null ? choices : text;
    }

    static AnswerValue of(Answer answer) {
        if (answer.numberValue != null) {
            return number(answer.questionKey, answer.numberValue);
        }
        if (answer.choiceValue != null) {
            return choice(answer.questionKey, answer.choiceValue);
        }
        if (answer.choiceValues != null) {
            return choices(answer.questionKey, List.of(answer.choiceValues));
        }
        return text(answer.questionKey, answer.textValue);
    }

    /** Equal answers regardless of how a number was scaled (12 and 12.0 are the same answer). */
    boolean sameAs(AnswerValue other) {
        boolean numbers = number == null ? other.number == null
                : other.number != null && number.compareTo(other.number) == 0;
        return questionKey.equals(other.questionKey) && numbers && java.util.Objects.equals(choice, other.choice)
                && java.util.Objects.equals(choices, other.choices) && java.util.Objects.equals(text, other.text);
    }
}
