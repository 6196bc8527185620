package io.acore.persona.turns;

import io.acore.persona.card.CharacterCard;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Who speaks up unasked: each persona of the channel with a talkativeness above 0 may, with the chance its
 * talkativeness gives, scaled by how much the message is about what the persona cares for (a quarter of it for a
 * message on nothing of the persona's, all of it from two of its words up). At most one persona speaks: of those the
 * draw lets speak, the one the draw favours most.
 */
public final class Volunteers {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");
    private static final int SHORTEST_WORD = 4;
    private static final int WORDS_FOR_FULL_TOPIC = 2;
    private static final Set<String> COMMON = Set.of("that", "this", "with", "have", "what", "when", "where", "your",
            "from", "they", "them", "their", "there", "would", "could", "should", "about", "which", "will", "just",
            "like", "been", "were", "then", "than", "into", "some", "very", "here", "also", "only", "does", "dont",
            "it's", "i'm", "that's", "know", "think", "really", "well", "much", "more");

    /** A persona of the channel and how readily it speaks there, 0-100. */
    public record Candidate(CharacterCard card, int talkativeness) {
    }

    private Volunteers() {
    }

    public static Optional<CharacterCard> choose(String messageId, String content, List<Candidate> candidates) {
        record Drawn(CharacterCard card, double chance, double draw) {
        }
        Set<String> words = words(content);
        return candidates.stream().filter(candidate -> candidate.talkativeness() > 0)
                .map(candidate -> new Drawn(candidate.card(), chance(candidate.talkativeness(),
                        topicality(words, candidate.card())), Draws.of("volunteer", messageId, candidate.card().id())))
                .filter(drawn -> drawn.draw() < drawn.chance())
                .min(Comparator.comparingDouble((Drawn drawn) -> drawn.draw() / drawn.chance())
                        .thenComparing(drawn -> drawn.card().id()))
                .map(Drawn::card);
    }

    static double chance(int talkativeness, double topicality) {
        return Math.max(0, Math.min(100, talkativeness)) / 100.0 * topicality;
    }

    /** From 0.25 (nothing of the persona's in the message) to 1 (two of its words or more). */
    static double topicality(Set<String> messageWords, CharacterCard card) {
        Set<String> own = words(String.join(" ", card.name(), card.description(), card.personality(), card.scenario(),
                String.join(" ", card.tags())));
        long shared = messageWords.stream().filter(own::contains).count();
        return 0.25 + 0.75 * Math.min(1.0, shared / (double) WORDS_FOR_FULL_TOPIC);
    }

    static Set<String> words(String text) {
        return WORD.matcher(text.toLowerCase(Locale.ROOT)).results().map(match -> match.group())
                .filter(word -> word.length() >= SHORTEST_WORD && !COMMON.contains(word))
                .collect(Collectors.toSet());
    }
}
