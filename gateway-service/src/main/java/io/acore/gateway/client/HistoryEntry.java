package io.acore.gateway.client;

import java.time.Instant;

/** A turn as memory-service's query API returns it. */
public record HistoryEntry(String id, String role, String authorId, String authorName, String content,
        String inReplyTo, Instant at) {
}
