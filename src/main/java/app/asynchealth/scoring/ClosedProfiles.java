package app.asynchealth.scoring;

import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.scoring.ProfileRepresentations.ProfileView;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.cache.CacheKey;
import io.quarkus.cache.CacheResult;

/**
 * The profile of a closed assessment never changes: answers are refused after close, and the threshold and template are
 * fixed. Only the tenant's segment can change which figures are shown, so it is part of the key. Callers check access
 * before asking; the cache holds no data a caller could not compute.
 */
@ApplicationScoped
public class ClosedProfiles {

    /** A profile with its JSON, serialized once. */
    public record Cached(ProfileView view, byte[] json) {
    }

    private final ObjectMapper json;

    ClosedProfiles(ObjectMapper json) {
        this.json = json;
    }

    @CacheResult(cacheName = "closed-profiles")
    public Cached get(@CacheKey String tenantId, @CacheKey UUID assessmentId, @CacheKey String segments,
            Supplier<ProfileView> compute) {
        ProfileView view = compute.get();
        try {
            return new Cached(view, json.writeValueAsBytes(view));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
