package io.acore.memory.service;

import io.acore.events.ConversationId;
import io.acore.events.api.ContextRequest;
import io.acore.events.api.HistoryEntry;
import io.acore.events.api.MemoryContext;
import io.acore.events.api.Recall;
import io.acore.events.text.TokenEstimate;
import io.acore.memory.config.MemoryConfig;
import io.acore.memory.facts.FactChoice;
import io.acore.memory.recall.DatePhrases;
import io.acore.memory.recall.RecallIndex;
import io.acore.memory.recall.RecallQuery;
import io.acore.memory.recall.RecallRanking;
import io.acore.memory.recall.ScoredEmbedding;
import io.acore.memory.recall.ScoredId;
import io.acore.memory.repository.DocumentRepository;
import io.acore.memory.repository.FactRepository;
import io.acore.memory.repository.FactRepository.HeldFact;
import io.acore.memory.repository.MessageRepository;
import io.acore.memory.repository.StoredMessage;
import io.acore.memory.repository.SummaryRepository;
import io.acore.memory.summaries.Episodes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.microprofile.context.ManagedExecutor;

/**
 * The one call on the reply path: recent turns within the caller's token budget, the rolling summary, the user's
 * facts (this persona's and the shared tier, those the message is about first: {@link FactChoice}), recalls —
 * older turns of the same scope that share words with the message (the rarer the word in the scope, the more it
 * counts) or mean something close to it, weighed together and with the turns around them ({@link RecallRanking}) —
 * and the conversation's episodes the message seems to be about ({@link Episodes}).
 */
@ApplicationScoped
public class ContextAssembler {
    /** How many of the best matches, per item recalled, are read back with the turns around them. */
    private static final int CONTENDERS_PER_RECALL = 2;
    /**
     * How many matches by meaning are weighed, per candidate: the turns around a match count with their own
     * closeness, which is known for these.
     */
    private static final int MEANINGS_PER_CANDIDATE = 4;
    /** Every fact a prompt could show: the persona's and the shared tier's, those that hold and those that held. */
    private static final int FACTS_READ_PER_HOLDER = 4;

    private final MessageRepository messages;
    private final RecallIndex index;
    private final DocumentRepository documents;
    private final SummaryRepository summaries;
    private final FactRepository facts;
    private final Embedder embedder;
    private final MemoryConfig config;
    private final ManagedExecutor lookups;
    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final ContextCalls calls;
    private final Episodes episodes;

    public ContextAssembler(MessageRepository messages, RecallIndex index,
            DocumentRepository documents, SummaryRepository summaries, FactRepository facts, Embedder embedder,
            MemoryConfig config, ManagedExecutor lookups, MeterRegistry registry,
            ContextCalls calls, Episodes episodes) {
        this.calls = calls;
        this.episodes = episodes;
        this.index = index;
        this.documents = documents;
        this.lookups = lookups;
        this.registry = registry;
        this.messages = messages;
        this.summaries = summaries;
        this.facts = facts;
        this.embedder = embedder;
        this.config = config;
    }

    /**
     * Three things at once: the keyword search, the plain reads (recent turns, summary and episodes, facts), and on
     * this thread the embedding of the message with the search over the scope's vectors (and, when the message names
     * a stretch of time, over the turns said then); then the episodes the message is about. What the prompt already
     * shows (the recent turns, the message itself) is left out of the recalls afterwards.
     */
    public MemoryContext assemble(ContextRequest request) {
        calls.started(request.messageId());
        return timed("all", () -> assembled(request));
    }

    private MemoryContext assembled(ContextRequest request) {
        String scope = MemoryScope.of(request.conversationId(), request.restrictedTo());
        Set<String> unseen = request.absentFrom().stream().map(ConversationId::toString).collect(Collectors.toSet());
        int recentTurns = Math.min(request.recentTurns(), config.context().recentTurns() - 1) + 1;
        int candidates = config.recall().candidates();
        String sought = RecallQuery.of(request.message(), request.personaId(), request.personaName());
        CompletableFuture<List<ScoredId>> byWords = lookups.supplyAsync(() -> timed("keywords", () -> index.matches(
                scope, sought, candidates + recentTurns + 1, unseen)));
        CompletableFuture<Known> known = lookups.supplyAsync(() -> timed("reads", () -> {
            SummaryRepository.Summary summary = summaries.latest(request.conversationId()).orElse(null);
            return new Known(withinBudget(messages.recent(request.conversationId(), recentTurns),
                    request.messageId(), request.recentTokens()), summary,
                    // a conversation with no summary has had no fold, so no episode
                    summary == null ? List.of() : episodes.of(request.conversationId()),
                    facts.held(scope, request.userId(), request.personaId(),
                            FACTS_READ_PER_HOLDER * config.facts().perHolder(), unseen));
        }));
        Optional<float[]> question = timed("embedding", () -> embedder.embedQuery(RecallQuery.meaningOf(sought)));
        List<ScoredId> byMeaning = question.map(query -> timed("meaning", () -> nearest(scope, "message", query,
                MEANINGS_PER_CANDIDATE * candidates + recentTurns, request.messageId(), unseen))).orElse(List.of());
        Instant now = Instant.now();
        Optional<DatePhrases.Window> period = DatePhrases.in(sought, now);
        List<ScoredId> inPeriod = question.flatMap(query -> period.map(window -> timed("period",
                () -> kept("message", index.nearestWithin(scope, query, window.from(), window.until(), candidates,
                        Set.of(request.messageId()), unseen))))).orElse(List.of());
        List<ScoredId> inDocuments = question.filter(query -> config.documents().dir().isPresent())
                .map(query -> nearest(MemoryScope.EVERYWHERE, "document", query, config.documents().candidates(),
                        request.messageId(), Set.of())).orElse(List.of());
        Known context = joined(known);
        Set<String> shown = new HashSet<>();
        shown.add(request.messageId());
        context.recent().forEach(entry -> shown.add(entry.id()));
        RecallRanking ranking = new RecallRanking(joined(byWords), concat(byMeaning, inDocuments), inPeriod, sought,
                period, config.recall());
        SummaryRepository.Summary summary = context.summary();
        return new MemoryContext(context.recent(), summary == null ? null : summary.content(),
                summary == null ? null : summary.until(),
                FactChoice.forMessage(context.facts(), question, config.context().facts()),
                timed("ranking", () -> recall(ranking, inDocuments, shown, unseen)),
                episodes.about(context.episodes(), question, period));
    }

    /**
     * What the context call reads as it is stored: the recent turns, the summary and the episodes, and every fact it
     * may show.
     */
    private record Known(List<HistoryEntry> recent, SummaryRepository.Summary summary,
            List<SummaryRepository.Episode> episodes, List<HeldFact> facts) {
    }

    private static List<ScoredId> concat(List<ScoredId> one, List<ScoredId> other) {
        List<ScoredId> both = new ArrayList<>(one);
        both.addAll(other);
        return both;
    }

    /** How long each part of the call takes (step "all": the whole call), with its percentiles. */
    private <T> T timed(String step, Supplier<T> work) {
        return timers.computeIfAbsent(step, name -> Timer.builder("acore.memory.context")
                .description("time the context call takes, by step").tag("step", name)
                .publishPercentiles(0.5, 0.95, 0.99).register(registry)).record(work);
    }

    private static <T> T joined(CompletableFuture<T> lookup) {
        try {
            return lookup.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    private static List<HistoryEntry> withinBudget(List<StoredMessage> oldestFirst, String messageId, int tokens) {
        Deque<HistoryEntry> kept = new ArrayDeque<>();
        int left = tokens;
        for (int i = oldestFirst.size() - 1; i >= 0; i--) {
            StoredMessage turn = oldestFirst.get(i);
            if (turn.id().equals(messageId)) {
                continue;
            }
            // counted as the prompt shows it, after its speaker's name
            String shown = turn.authorName() + ": " + turn.content();
            left -= TokenEstimate.ofMessage(shown);
            if (left < 0) {
                break;
            }
            kept.addFirst(turn.toHistoryEntry());
        }
        return List.copyOf(kept);
    }

    /** The scope's {@code kind} embeddings closest to the query and close enough to count, best first. */
    private List<ScoredId> nearest(String scope, String kind, float[] query, int most, String messageId,
            Set<String> unseen) {
        return kept(kind, index.nearest(scope, query, most, Set.of(messageId), unseen));
    }

    /** The {@code kind} embeddings among those found close enough to count. */
    private List<ScoredId> kept(String kind, List<ScoredEmbedding> found) {
        return found.stream()
                .filter(near -> near.ownerKind().equals(kind))
                .map(ScoredEmbedding::owner)
                .filter(near -> near.score() >= config.recall().minSimilarity()).toList();
    }

    /**
     * The best matches read back with the turns around them and ranked ({@link RecallRanking}), document chunks by
     * their own score: at most {@code limit} items, nothing the prompt already shows, nothing said in the
     * {@code unseen} conversations.
     */
    private List<Recall> recall(RecallRanking ranking, List<ScoredId> inDocuments, Set<String> shown,
            Set<String> unseen) {
        int limit = config.recall().limit();
        List<String> contenders = ranking.best(shown, CONTENDERS_PER_RECALL * limit);
        Set<String> documentIds = inDocuments.stream().map(ScoredId::id).filter(contenders::contains)
                .collect(Collectors.toSet());
        List<String> turnIds = contenders.stream().filter(id -> !documentIds.contains(id)).toList();
        List<Recall> recalls = new ArrayList<>();
        MessageRepository.Surroundings read = messages.around(turnIds);
        List<StoredMessage> seen = read.turns().stream()
                .filter(turn -> !unseen.contains(turn.conversationId().toString())).toList();
        for (RecallRanking.Scored scored : ranking.ranked(seen, read.beside())) {
            if (!shown.contains(scored.turn().id())) {
                recalls.add(recalled(scored.turn(), scored.score()));
            }
        }
        for (DocumentRepository.Chunk chunk : documents.byIds(List.copyOf(documentIds))) {
            recalls.add(new Recall("document", chunk.path(), chunk.content(), chunk.indexedAt(),
                    ranking.alone(chunk.id())));
        }
        return recalls.stream().sorted(Comparator.comparingDouble(Recall::score).reversed()).limit(limit).toList();
    }

    private static Recall recalled(StoredMessage turn, double score) {
        return new Recall("message", turn.authorName(), turn.content(), turn.occurredAt(), score);
    }

}
