package io.acore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.acore.devstack.StubLlmServer;
import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.events.MemoryEvent;
import io.acore.events.Topics;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.TestEvents;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.kafka.KafkaTopics;
import io.acore.testkit.model.ModelScript;
import io.acore.testkit.model.StubModelResource;
import io.acore.testkit.postgres.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server imports a long history at once: its backlog is folded into the summary in bounded calls (166 of at most
 * 30 turns in this profile), oldest first, one model call per fold, while what a member tells a persona elsewhere is still learned in the meantime.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StubModelResource.class, scope = TestResourceScope.GLOBAL)
class BacklogTest {
    private static final int TURNS = 5_000;
    private static final int KEPT_VERBATIM = 20;
    /** This profile's fold size (a round every second, at most four folds of a conversation each: %test). */
    private static final int MOST_PER_FOLD = 30;

    @InjectTestResource
    KafkaTopics topics;

    @InjectTestResource
    ModelScript model;

    @Test
    void fiveThousandTurnsAreFoldedInBoundedCallsWhileFactsKeepFlowing() {
        String importing = "760000000000000001";
        ConversationId history = ConversationId.discord(importing, "761000000000000001");
        List<ChatMessage> backlog = new ArrayList<>();
        for (int i = 1; i <= TURNS; i++) {
            backlog.add(TestEvents.discordMessage(history, "770000000000000001", "Wren", "Archive line " + i + "."));
        }
        topics.sendAll(Topics.CHAT_INBOUND, backlog);
        ConversationId elsewhere = ConversationId.discord("760000000000000002", "761000000000000002");
        ChatMessage told = TestEvents.discordMessage(elsewhere, "770000000000000002", "Ivo",
                "Sable, I live in Ghent these days.");
        topics.send(Topics.CHAT_INBOUND, told);
        topics.send(Topics.CHAT_OUTBOUND, TestEvents.finalReply(told, "sable", "Sable", "Ghent! Lovely."));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> !memoryEvents(MemoryEvent.FACT_LEARNED, "discord:760000000000000002").isEmpty());
        int foldedWhenTheFactCame = folds(importing).stream().mapToInt(Integer::intValue).sum();
        List<Integer> folds = await().atMost(Duration.ofSeconds(240)).until(() -> folds(importing),
                made -> made.stream().mapToInt(Integer::intValue).sum() == TURNS - KEPT_VERBATIM);

        assertThat(foldedWhenTheFactCame).as("the fact did not wait for the backlog").isLessThan(TURNS - KEPT_VERBATIM);
        assertThat(folds).allSatisfy(turns -> assertThat(turns).isLessThanOrEqualTo(MOST_PER_FOLD))
                .hasSize((TURNS - KEPT_VERBATIM + MOST_PER_FOLD - 1) / MOST_PER_FOLD);
        List<JsonNode> summaryCalls = model.requests(StubLlmServer.RequestKind.SUMMARY).stream()
                .filter(request -> foldedLines(request) > 0).toList();
        assertThat(summaryCalls).as("one model call per fold, none repeated").hasSize(folds.size())
                .allSatisfy(call -> assertThat(foldedLines(call)).isLessThanOrEqualTo(MOST_PER_FOLD));
    }

    private List<MemoryEvent> memoryEvents(String type, String scope) {
        return topics.events(Topics.MEMORY_EVENTS, MemoryEvent.class).stream()
                .filter(e -> e.type().equals(type) && e.scope().equals(scope)).toList();
    }

    /** How many turns each summary of the server folded, in the order made. */
    private List<Integer> folds(String guild) {
        return memoryEvents(MemoryEvent.SUMMARY_MADE, "discord:" + guild).stream()
                .map(e -> ((Number) e.data().get("turns")).intValue()).toList();
    }

    /** How many {@code "Wren": "Archive line …"} turns a summary request carries. */
    private static long foldedLines(JsonNode request) {
        JsonNode messages = request.path("messages");
        return messages.get(messages.size() - 1).path("content").asText().lines()
                .filter(line -> line.startsWith("\"Wren\": \"Archive line ")).count();
    }
}
