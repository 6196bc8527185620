package io.acore.memory.service;

import io.acore.events.api.ContextRequest;
import io.acore.events.api.HistoryEntry;
import io.acore.events.api.MemoryContext;
import io.acore.events.api.Recall;
import io.acore.memory.config.MemoryConfig;
import io.acore.memory.repository.DocumentRepository;
import io.acore.memory.repository.FactRepository;
import io.acore.memory.repository.KeywordRepository;
import io.acore.memory.repository.MessageRepository;
import io.acore.memory.repository.ScoredEmbedding;
import io.acore.memory.repository.ScoredId;
import io.acore.memory.repository.StoredMessage;
import io.acore.memory.repository.SummaryRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
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
 * facts (this persona's and the shared tier), and recalls — older turns of the same scope that share words with
 * the message (the rarer the word in the scope, the more it counts) or mean something close to it, the two rankings
 * fused (reciprocal rank fusion).
 */
@ApplicationScoped
public class ContextAssembler {
    private static final double CHARS_PER_TOKEN = 3.5;
    private static final int FUSION_K = 60;
    /** How many of the fused ranking's best are read back and weighed, per item recalled. */
    private static final int CONTENDERS_PER_RECALL = 3;

    private final MessageRepository messages;
    private final KeywordRepository keywords;
    private final ScopeTerms terms;
    private final DocumentRepository documents;
    private final SummaryRepository summaries;
    private final FactRepository facts;
    private final Embedder embedder;
    private final SimilaritySearch vectors;
    private final MemoryConfig config;
    private final ManagedExecutor lookups;
    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public ContextAssembler(MessageRepository messages, KeywordRepository keywords, ScopeTerms terms,
            DocumentRepository documents, SummaryRepository summaries, FactRepository facts, Embedder embedder,
            SimilaritySearch vectors, MemoryConfig config, ManagedExecutor lookups, MeterRegistry registry) {
        this.keywords = keywords;
        this.terms = terms;
        this.documents = documents;
        this.lookups = lookups;
        this.registry = registry;
        this.messages = messages;
        this.summaries = summaries;
        this.facts = facts;
        this.embedder = embedder;
        this.vectors = vectors;
        this.config = config;
    }

    /**
     * Three things at once: the keyword search, the plain reads (recent turns, summary, facts), and on this thread
     * the embedding of the message with the search over the scope's vectors. What the prompt already shows (the
     * recent turns, the message itself) is left out of the recalls afterwards.
     */
    public MemoryContext assemble(ContextRequest request) {
        return timed("all", () -> assembled(request));
    }

    private MemoryContext assembled(ContextRequest request) {
        String scope = MemoryScope.of(request.conversationId(), request.restrictedTo());
        int recentTurns = Math.min(request.recentTurns() + 1, config.context().recentTurns());
        int candidates = config.recall().candidates();
        String sought = RecallQuery.of(request.message(), request.personaId());
        CompletableFuture<List<ScoredId>> byWords = lookups.supplyAsync(() -> timed("keywords", () -> keywords.matches(
                scope, terms.weigh(scope, keywords.lexemes(sought)), candidates + recentTurns + 1)));
        CompletableFuture<MemoryContext> known = lookups.supplyAsync(() -> timed("reads", () -> new MemoryContext(
                withinBudget(messages.recent(request.conversationId(), recentTurns), request.messageId(),
                        request.recentTokens()),
                summaries.latest(request.conversationId()).map(SummaryRepository.Summary::content).orElse(null),
                facts.about(scope, request.userId(), request.personaId(), config.context().facts()),
                List.of())));
        Optional<float[]> question = timed("embedding", () -> embedder.embed(sought));
        List<ScoredId> byMeaning = question.map(query -> timed("meaning",
                () -> nearest(scope, "message", query, candidates + recentTurns, request.messageId())))
                .orElse(List.of());
        List<ScoredId> inDocuments = question.filter(query -> config.documents().dir().isPresent())
                .map(query -> nearest(MemoryScope.EVERYWHERE, "document", query, config.documents().candidates(),
                        request.messageId())).orElse(List.of());
        MemoryContext context = joined(known);
        Set<String> shown = new HashSet<>();
        shown.add(request.messageId());
        context.recent().forEach(entry -> shown.add(entry.id()));
        return new MemoryContext(context.recent(), context.summary(), context.facts(),
                recall(notShown(joined(byWords), shown, candidates), notShown(byMeaning, shown, candidates),
                        inDocuments, shown));
    }

    /** How long each part of the call takes (step "all": the whole call), with its percentiles. */
    private <T> T timed(String step, Supplier<T> work) {
        return timers.computeIfAbsent(step, name -> Timer.builder("acore.memory.context").tag("step", name)
                .publishPercentiles(0.5, 0.95, 0.99).register(registry)).record(work);
    }

    private static List<ScoredId> notShown(List<ScoredId> ranking, Set<String> shown, int most) {
        return ranking.stream().filter(found -> !shown.contains(found.id())).limit(most).toList();
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
            left -= (int) Math.ceil(turn.content().length() / CHARS_PER_TOKEN) + 4;
            if (left < 0) {
                break;
            }
            kept.addFirst(turn.toHistoryEntry());
        }
        return List.copyOf(kept);
    }

    /** The scope's {@code kind} embeddings closest to the query and close enough to count, best first. */
    private List<ScoredId> nearest(String scope, String kind, float[] query, int most, String messageId) {
        return vectors.nearest(scope, query, most, Set.of(messageId)).stream()
                .filter(near -> near.ownerKind().equals(kind))
                .map(ScoredEmbedding::owner)
                .filter(near -> near.score() >= config.recall().minSimilarity()).toList();
    }

    /**
     * The three rankings fused (reciprocal rank fusion), the best candidates read back from the database and weighed by
     * what it is ({@link RecallWeight}), the best kept: at most {@code limit} items, a turn that only asks something
     * followed by the reply it got (one item more), nothing the prompt already shows.
     */
    private List<Recall> recall(List<ScoredId> byWords, List<ScoredId> byMeaning, List<ScoredId> inDocuments,
            Set<String> shown) {
        Map<String, Double> fused = new HashMap<>();
        for (List<ScoredId> ranking : List.of(byWords, byMeaning, inDocuments)) {
            for (int rank = 0; rank < ranking.size(); rank++) {
                fused.merge(ranking.get(rank).id(), 1.0 / (FUSION_K + rank + 1), Double::sum);
            }
        }
        int limit = config.recall().limit();
        List<String> contenders = fused.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit((long) CONTENDERS_PER_RECALL * limit).map(Map.Entry::getKey).toList();
        Set<String> documentIds = inDocuments.stream().map(ScoredId::id).filter(contenders::contains)
                .collect(Collectors.toSet());
        List<Candidate> candidates = new ArrayList<>();
        for (StoredMessage turn : messages.byIds(contenders.stream().filter(id -> !documentIds.contains(id))
                .toList())) {
            candidates.add(new Candidate(turn.id(), recalled(turn, fused.get(turn.id()) * RecallWeight.of(turn)),
                    RecallWeight.asks(turn)));
        }
        for (DocumentRepository.Chunk chunk : documents.byIds(List.copyOf(documentIds))) {
            candidates.add(new Candidate(chunk.id(), new Recall("document", chunk.path(), chunk.content(),
                    chunk.indexedAt(), fused.get(chunk.id())), false));
        }
        List<Candidate> best = candidates.stream()
                .sorted(Comparator.comparingDouble((Candidate candidate) -> candidate.recall().score()).reversed())
                .limit(limit).toList();
        Map<String, StoredMessage> replies = messages.repliesTo(best.stream().filter(Candidate::asks)
                .map(Candidate::id).toList());
        Set<String> taken = new HashSet<>(shown);
        List<Recall> recalls = new ArrayList<>();
        for (Candidate candidate : best) {
            if (recalls.size() < limit && taken.add(candidate.id())) {
                recalls.add(candidate.recall());
                StoredMessage reply = replies.get(candidate.id());
                if (reply != null && recalls.size() < limit && taken.add(reply.id())) {
                    recalls.add(recalled(reply, candidate.recall().score()));
                }
            }
        }
        return recalls;
    }

    private static Recall recalled(StoredMessage turn, double score) {
        return new Recall("message", turn.authorName(), turn.content(), turn.occurredAt(), score);
    }

    private record Candidate(String id, Recall recall, boolean asks) {
    }
}
