package io.acore.persona.card;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * A card's lorebook ({@code character_book}): its entries in insertion order, how many recent turns are scanned for
 * their keys, the most tokens their contents may take in the prompt (0: no limit) and whether an entry's content
 * may set off others (recursive scanning).
 */
public record Lorebook(List<LoreEntry> entries, int scanDepth, int tokenBudget, boolean recursive) {
    public static final int DEFAULT_SCAN_DEPTH = 4;
    public static final Lorebook NONE = new Lorebook(List.of(), DEFAULT_SCAN_DEPTH, 0, false);

    /**
     * The entries {@code scanned} sets off — and, when recursive, those the set-off entries' contents
     * set off in turn, until no more are — in insertion order, as many as fit the token budget.
     */
    public List<LoreEntry> activated(String scanned, ToIntFunction<String> tokens) {
        Set<LoreEntry> active = new LinkedHashSet<>();
        entries.stream().filter(entry -> entry.matches(scanned)).forEach(active::add);
        List<LoreEntry> lastAdded = List.copyOf(active);
        while (recursive && !lastAdded.isEmpty()) {
            StringBuilder told = new StringBuilder();
            lastAdded.stream().filter(entry -> !entry.preventRecursion())
                    .forEach(entry -> told.append('\n').append(entry.content()));
            String text = told.toString();
            lastAdded = entries.stream().filter(entry -> !active.contains(entry) && !entry.excludeRecursion()
                    && !entry.constant() && entry.matches(text)).toList();
            active.addAll(lastAdded);
        }
        List<LoreEntry> ordered = new ArrayList<>(active);
        ordered.sort(Comparator.comparingInt(LoreEntry::insertionOrder));
        List<LoreEntry> fitting = new ArrayList<>();
        int used = 0;
        for (LoreEntry entry : ordered) {
            int cost = tokens.applyAsInt(entry.content());
            if (tokenBudget > 0 && used + cost > tokenBudget) {
                continue;
            }
            used += cost;
            fitting.add(entry);
        }
        return fitting;
    }
}
