package app.asynchealth.platform.time;

import java.time.ZoneId;

/** Time zones as people name them. */
public final class TimeZones {

    private TimeZones() {
    }

    /** A region of the time zone database (Europe/Berlin, UTC), not an offset or an abbreviation only Java knows. */
    public static boolean isRegion(String zone) {
        if (zone == null || !ZoneId.getAvailableZoneIds().contains(zone)) {
            return false;
        }
        try {
            ZoneId.of(zone);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
