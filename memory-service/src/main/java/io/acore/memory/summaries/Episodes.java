package io.acore.memory.summaries;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.acore.events.ConversationId;
import io.acore.events.api.Episode;
import io.acore.memory.config.MemoryConfig;
import io.acore.memory.recall.DatePhrases;
import io.acore.memory.repository.SummaryRepository;
import io.acore.memory.service.Embedder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The stretches of a conversation a message seems to be about: of its newest {@link #READ} episodes, those close
 * enough in meaning to the message ({@code summaries.episode-similarity}) or told of the stretch of time it names,
 * the best {@code summaries.episodes-recalled}, oldest first. A conversation's episodes are held here a short while
 * ({@link #HELD}: what a fold on another replica adds is seen within it); a fold on this replica drops its
 * conversation's, and a user's erasure or a deleted message, on any replica, drops all.
 */
@ApplicationScoped
public class Episodes {
    /** How many of a conversation's newest episodes are weighed. */
    static final int READ = 100;
    private static final Duration HELD = Duration.ofSeconds(30);
    private static final long MOST_BYTES_HELD = 16L << 20;

    private final SummaryRepository summaries;
    private final MemoryConfig config;
    private final Cache<ConversationId, List<SummaryRepository.Episode>> held = Caffeine.newBuilder()
            .expireAfterWrite(HELD).maximumWeight(MOST_BYTES_HELD)
            .<ConversationId, List<SummaryRepository.Episode>>weigher((conversation, episodes) -> episodes.stream()
                    .mapToInt(episode -> 2 * episode.content().length() + 4 * episode.vector().length + 96).sum())
            .build();

    public Episodes(SummaryRepository summaries, MemoryConfig config) {
        this.summaries = summaries;
        this.config = config;
    }

    /** The conversation's newest episodes, newest first: what {@link #about} chooses from. */
    public List<SummaryRepository.Episode> of(ConversationId conversation) {
        return held.get(conversation, c -> summaries.episodes(c, READ));
    }

    /**
     * Those of {@code told} the message is about, oldest first. {@code message}: its embedding (none while the model
     * loads); {@code period}: the stretch of time it names.
     */
    public List<Episode> about(List<SummaryRepository.Episode> told, Optional<float[]> message,
            Optional<DatePhrases.Window> period) {
        double floor = config.summaries().episodeSimilarity();
        double dateBoost = config.recall().dateBoost();
        record Weighed(SummaryRepository.Episode episode, double score) {
        }
        return told.stream()
                .map(episode -> {
                    boolean then = period.filter(window -> !episode.from().isAfter(window.until())
                            && !episode.until().isBefore(window.from())).isPresent();
                    double similarity = message.map(query -> Embedder.similarity(query, episode.vector())).orElse(0.0);
                    boolean close = similarity >= floor;
                    return new Weighed(episode, close || then ? Math.max(similarity, floor) * (then ? 1 + dateBoost : 1)
                            : 0);
                })
                .filter(weighed -> weighed.score() > 0)
                .sorted(Comparator.comparingDouble(Weighed::score).reversed())
                .limit(config.summaries().episodesRecalled())
                .map(Weighed::episode)
                .sorted(Comparator.comparing(SummaryRepository.Episode::from))
                .map(episode -> new Episode(episode.from(), episode.until(), episode.content()))
                .toList();
    }

    /** A fold here stored a new episode of the conversation. */
    void told(ConversationId conversation) {
        held.invalidate(conversation);
    }

    /** Something was erased: an episode that told of it may be gone from the database. */
    public void forgetAll() {
        held.invalidateAll();
    }
}
