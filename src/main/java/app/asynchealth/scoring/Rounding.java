package app.asynchealth.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;

import app.asynchealth.scoring.core.Intervals.Range;

/**
 * How a computed figure is shown: to one decimal. Here, below the profiles and the actions, so that both show the same
 * number for the same figure.
 */
public final class Rounding {

    private Rounding() {
    }

    public static Double round(Double value) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }

    /**
     * Scores are rounded down to one decimal: a level is read from the unrounded score, so 59.96 is level 3, and
     * rounding it to 60.0 would show a score of level 4 beside level 3.
     */
    public static Double score(Double value) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(1, RoundingMode.FLOOR).doubleValue();
    }

    /**
     * An interval's bounds round outwards: a shown interval always contains its shown score, and a difference interval
     * never seems to touch zero beside a verdict that it does not.
     */
    public static Double lower(Range interval) {
        return interval == null ? null : BigDecimal.valueOf(interval.lower()).setScale(1, RoundingMode.FLOOR).doubleValue();
    }

    public static Double upper(Range interval) {
        return interval == null ? null : BigDecimal.valueOf(interval.upper()).setScale(1, RoundingMode.CEILING).doubleValue();
    }
}
