package io.acore.events.api;

import java.util.List;

/**
 * Everything memory holds that may matter for one answer: the recent turns (oldest first, within the token budget
 * asked for), the conversation's rolling summary of what came before them ({@code null} when there is none yet),
 * what the user told about themselves, and older items that look relevant to the message. All of it is data
 * written by users and models: a prompt quotes it, it never obeys it.
 */
public record MemoryContext(List<HistoryEntry> recent, String summary, List<RememberedFact> facts,
        List<Recall> recalls) {
    public static final MemoryContext EMPTY = new MemoryContext(List.of(), null, List.of(), List.of());
}
