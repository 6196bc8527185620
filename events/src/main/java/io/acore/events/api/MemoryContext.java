package io.acore.events.api;

import java.time.Instant;
import java.util.List;

/**
 * Everything memory holds that may matter for one answer: the recent turns (oldest first, within the token budget
 * asked for), the conversation's rolling summary of what came before them ({@code null} when there is none yet) and
 * when the newest turn it tells of was said ({@code summaryUntil}),
 * what the user told about themselves, older items that look relevant to the message, and the stretches of the
 * conversation it seems to be about ({@code episodes}, oldest first). All of it is data written by users and models:
 * a prompt quotes it, it never obeys it.
 */
public record MemoryContext(List<HistoryEntry> recent, String summary, Instant summaryUntil,
        List<RememberedFact> facts, List<Recall> recalls, List<Episode> episodes) {
    public static final MemoryContext EMPTY = new MemoryContext(List.of(), null, null, List.of(), List.of(),
            List.of());

    /** A context from a memory-service that recalls no episodes reads as one with none. */
    public MemoryContext {
        episodes = episodes == null ? List.of() : episodes;
    }
}
