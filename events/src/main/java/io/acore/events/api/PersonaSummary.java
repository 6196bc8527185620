package io.acore.events.api;

import java.util.List;

/** A persona as persona-service's catalogue API shows it ({@code GET /api/personas}). */
public record PersonaSummary(String id, String name, String description, String avatarUrl, List<String> tags) {
}
