package io.acore.memory.service;

import com.carrotsearch.hppc.LongIntHashMap;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.acore.memory.config.MemoryConfig;
import io.acore.memory.repository.KeywordRepository;
import io.acore.memory.repository.KeywordRepository.TurnLexemes;
import io.acore.memory.repository.Lexeme;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weighs the words of a message by how rare they are in the scope (inverse document frequency, as BM25 does): a word
 * half the turns hold — the speakers' names, the persona everyone addresses — says little about which turn is meant,
 * a word three turns hold says much. Each scope's counts are held here and topped up with the turns embedded since
 * (by any replica), at most once a second ({@link TopUpPace}); words are held as 64-bit hashes, never as text.
 */
@ApplicationScoped
public class ScopeTerms {
    /** The rarest words of a long message are enough to find what it is about, and keep the search cheap. */
    static final int MOST_WORDS = 32;

    private final KeywordRepository keywords;
    private final Cache<String, Counts> scopes;

    public ScopeTerms(KeywordRepository keywords, MemoryConfig config) {
        this.keywords = keywords;
        this.scopes = Caffeine.newBuilder().maximumWeight(config.recall().cachedTerms())
                .<String, Counts>weigher((scope, counts) -> counts.distinct() + 1)
                .expireAfterAccess(Duration.ofMinutes(30)).build();
    }

    /** The message's words with their weights in the scope, at most {@link #MOST_WORDS} of them, rarest first. */
    public Map<Lexeme, Double> weigh(String scope, List<Lexeme> words) {
        Counts counts = scopes.get(scope, Counts::new);
        int before = counts.distinct();
        counts.topUp(keywords);
        if (counts.distinct() != before) {
            scopes.put(scope, counts); // weighed again at its new size
        }
        Map<Lexeme, Double> weights = new LinkedHashMap<>();
        words.stream().map(word -> Map.entry(word, counts.inverseFrequency(word.hash())))
                .sorted(Map.Entry.<Lexeme, Double>comparingByValue(Comparator.reverseOrder()))
                .limit(MOST_WORDS).forEach(entry -> weights.put(entry.getKey(), entry.getValue()));
        return weights;
    }

    /** How many of a scope's turns hold each word. */
    private static final class Counts {
        private final String scope;
        private final LongIntHashMap turnsWith = new LongIntHashMap();
        private long lastSeq;
        private int turns;
        private final TopUpPace pace = new TopUpPace();

        Counts(String scope) {
            this.scope = scope;
        }

        synchronized int distinct() {
            return turnsWith.size();
        }

        synchronized void topUp(KeywordRepository keywords) {
            if (!pace.due()) {
                return;
            }
            for (TurnLexemes turn : keywords.embeddedSince(scope, lastSeq)) {
                for (long word : turn.hashes()) {
                    turnsWith.addTo(word, 1);
                }
                turns++;
                lastSeq = turn.seq();
            }
        }

        /** BM25's idf: ln(1 + (N − n + ½) / (n + ½)), N turns counted, n of them holding the word. */
        synchronized double inverseFrequency(long word) {
            int holding = turnsWith.get(word);
            return Math.log(1 + (turns - holding + 0.5) / (holding + 0.5));
        }
    }
}
