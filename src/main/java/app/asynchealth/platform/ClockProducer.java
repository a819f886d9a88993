package app.asynchealth.platform;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * One clock for the services, so that time-dependent rules can be tested at chosen instants. It ticks in microseconds,
 * PostgreSQL's precision, so that an instant reads back as it was written.
 */
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
