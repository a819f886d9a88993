package app.asynchealth.profile;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.profile.ProfileRepresentations.ProfileView;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheKey;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CacheResult;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.cache.CompositeCacheKey;

/**
 * The profile of a closed assessment never changes: answers are refused after close, and the threshold and template are
 * fixed. Only the tenant's segment can change which figures are shown, so it is part of the key. Callers check access
 * before asking; the cache holds no data a caller could not compute. Each replica's cache sits in front of the stored
 * final profiles ({@link ClosedProfileStore}): it saves reading and parsing a row, nothing more.
 */
@ApplicationScoped
public class ClosedProfiles {

    /** A profile with its JSON, serialized once. */
    public record Cached(ProfileView view, byte[] json) {
    }

    private final ObjectMapper json;
    private final Cache cache;

    ClosedProfiles(ObjectMapper json, @CacheName("closed-profiles") Cache cache) {
        this.json = json;
        this.cache = cache;
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

    /**
     * The cached profile, if one is there, without computing or storing anything: bulk readers (exports) use it so that
     * they neither fill the bounded cache nor evict what interactive callers use.
     */
    public Optional<ProfileView> peek(String tenantId, UUID assessmentId, String segments) {
        // The key @CacheResult builds from the three @CacheKey parameters.
        CompletableFuture<Object> cached = cache.as(CaffeineCache.class)
                .getIfPresent(new CompositeCacheKey(tenantId, assessmentId, segments));
        if (cached == null || !cached.isDone() || cached.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(((Cached) cached.join()).view());
    }
}
