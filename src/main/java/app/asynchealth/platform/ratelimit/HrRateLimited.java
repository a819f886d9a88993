package app.asynchealth.platform.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Puts a resource method (or every method of a resource class) under the per-caller limit of the HR routes,
 * {@code async-health.rate-limit.hr.requests} per {@code async-health.rate-limit.hr.period}, enforced by
 * {@link HrRateLimitFilter}. Every route so marked draws from the same bucket of its caller.
 */
@NameBinding
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface HrRateLimited {
}
