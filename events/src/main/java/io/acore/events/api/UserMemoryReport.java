package io.acore.events.api;

import java.util.List;

/**
 * Everything memory holds about one user ({@code GET /api/users/{authorId}/memory}): what they wrote, who they were
 * in each scope, what they said about themselves. Replies and summaries are not theirs, and not in it.
 */
public record UserMemoryReport(String userId, List<UserMessage> messages, List<UserProfile> profiles,
        List<UserFact> facts) {
}
