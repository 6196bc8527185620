package io.acore.analytics.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The events analytics has counted lately, by id, so that a record Kafka delivers again, or a producer sends
 * again after a crash (same derived id), is counted once. Kept as long as redeliveries come, and no longer:
 * the counts themselves start at zero with the service.
 */
@ApplicationScoped
public class SeenEvents {
    private final Cache<String, Boolean> seen = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1))
            .maximumSize(500_000).build();

    /** True the first time an event id of this kind comes by. */
    public boolean firstTime(String kind, String id) {
        return seen.asMap().putIfAbsent(kind + ':' + id, Boolean.TRUE) == null;
    }
}
