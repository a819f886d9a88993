package app.asynchealth.scoring.core;

import java.math.BigDecimal;

/** One submitted answer as the scoring core sees it: a number (likert, number, percent) or a choice key. */
public record Answer(BigDecimal number, String choice) {

    public static Answer of(double number) {
        return new Answer(BigDecimal.valueOf(number), null);
    }

    public static Answer of(String choice) {
        return new Answer(null, choice);
    }
}
