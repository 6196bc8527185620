package io.acore.memory.service;

import io.acore.events.api.ContextRequest;
import io.acore.events.api.HistoryEntry;
import io.acore.events.api.MemoryContext;
import io.acore.events.api.Recall;
import io.acore.memory.config.MemoryConfig;
import io.acore.memory.repository.FactRepository;
import io.acore.memory.repository.MessageRepository;
import io.acore.memory.repository.ScoredId;
import io.acore.memory.repository.StoredMessage;
import io.acore.memory.repository.SummaryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one call on the reply path: recent turns within the caller's token budget, the rolling summary, the user's
 * facts (this persona's and the shared tier), and recalls — older turns of the same scope that share words with
 * the message or mean something close to it, the two rankings fused (reciprocal rank fusion).
 */
@ApplicationScoped
public class ContextAssembler {
    private static final double CHARS_PER_TOKEN = 3.5;
    private static final int FUSION_K = 60;

    private final MessageRepository messages;
    private final SummaryRepository summaries;
    private final FactRepository facts;
    private final Embedder embedder;
    private final ScopeVectors vectors;
    private final MemoryConfig config;

    public ContextAssembler(MessageRepository messages, SummaryRepository summaries, FactRepository facts,
            Embedder embedder, ScopeVectors vectors, MemoryConfig config) {
        this.messages = messages;
        this.summaries = summaries;
        this.facts = facts;
        this.embedder = embedder;
        this.vectors = vectors;
        this.config = config;
    }

    public MemoryContext assemble(ContextRequest request) {
        String scope = MemoryScope.of(request.conversationId());
        List<HistoryEntry> recent = withinBudget(messages.recent(request.conversationId(),
                Math.min(request.recentTurns() + 1, config.context().recentTurns())), request.messageId(),
                request.recentTokens());
        Set<String> excluded = new HashSet<>();
        excluded.add(request.messageId());
        recent.forEach(entry -> excluded.add(entry.id()));
        return new MemoryContext(recent,
                summaries.latest(request.conversationId()).map(SummaryRepository.Summary::content).orElse(null),
                facts.about(scope, request.userId(), request.personaId(), config.context().facts()),
                recall(scope, request.message(), excluded));
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

    private List<Recall> recall(String scope, String message, Set<String> excluded) {
        int candidates = config.recall().candidates();
        List<ScoredId> byWords = messages.keywordMatches(scope, Keywords.of(message), candidates + excluded.size())
                .stream().filter(found -> !excluded.contains(found.id())).limit(candidates).toList();
        List<ScoredId> byMeaning = embedder.embed(message)
                .map(query -> vectors.nearest(scope, query, candidates, excluded).stream()
                        .filter(near -> near.ownerKind().equals("message"))
                        .map(ScopeVectors.ScoredEmbedding::owner)
                        .filter(near -> near.score() >= config.recall().minSimilarity()).toList())
                .orElse(List.of());
        Map<String, Double> fused = new HashMap<>();
        for (List<ScoredId> ranking : List.of(byWords, byMeaning)) {
            for (int rank = 0; rank < ranking.size(); rank++) {
                fused.merge(ranking.get(rank).id(), 1.0 / (FUSION_K + rank + 1), Double::sum);
            }
        }
        List<String> best = fused.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(config.recall().limit()).map(Map.Entry::getKey).toList();
        Map<String, StoredMessage> found = messages.byIds(best).stream()
                .collect(Collectors.toMap(StoredMessage::id, Function.identity()));
        List<Recall> recalls = new ArrayList<>();
        for (String id : best) {
            StoredMessage turn = found.get(id);
            if (turn != null) {
                recalls.add(new Recall("message", turn.authorName(), turn.content(), turn.occurredAt(), fused.get(id)));
            }
        }
        recalls.sort(Comparator.comparingDouble(Recall::score).reversed());
        return recalls;
    }
}
