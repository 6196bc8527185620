package io.acore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.events.Event;
import io.acore.events.EventCodec;
import io.acore.events.MemoryEvent;
import io.acore.events.Sha256;
import io.acore.events.Topics;
import io.acore.memory.recall.RecallIndex;
import io.acore.memory.recall.ScoredId;
import io.acore.memory.service.MemoryScope;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.TestEvents;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.kafka.KafkaTopics;
import io.acore.testkit.postgres.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A user erased, or a message deleted, through another replica: that replica changed the database and said so on the
 * broker; this one, which holds the scope's search index open, drops from it what went and the replies to it, so
 * they no longer take places among what its searches find.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class IndexUpkeepTest {
    private static final ConversationId CHANNEL = ConversationId.discord("720000000000000001", "770000000000000001");
    private static final String SCOPE = MemoryScope.of(CHANNEL, null);

    @InjectTestResource
    KafkaTopics topics;

    @Inject
    RecallIndex index;

    @Test
    void aUserErasedByAnotherReplicaLeavesThisReplicasSearchIndexWithTheRepliesToThem() {
        ChatMessage nell = TestEvents.discordMessage(CHANNEL, "820000000000000001", "Nell",
                "Our lighthouse cat Zephyrine sleeps on the lamp room stairs.");
        ChatMessage oli = TestEvents.discordMessage(CHANNEL, "820000000000000002", "Oli",
                "Zephyrine once caught a gull twice her size.");
        topics.send(Topics.CHAT_INBOUND, nell);
        topics.send(Topics.CHAT_OUTBOUND, TestEvents.finalReply(nell, "sable", "Sable",
                "Zephyrine on the lamp room stairs, what a picture."));
        topics.send(Topics.CHAT_INBOUND, oli);
        await().atMost(Duration.ofSeconds(60)).until(() -> found("Zephyrine").size() == 3);
        assertThat(found("Zephyrine")).contains(nell.id(), oli.id());

        String erased = Sha256.hex(nell.author().id());
        String id = MemoryEvent.idFor(MemoryEvent.USER_FORGOTTEN, "erasure#elsewhere");
        topics.send(Topics.MEMORY_EVENTS, MemoryScope.EVERYWHERE, EventCodec.encode(new MemoryEvent(
                Event.SCHEMA_VERSION, id, id, MemoryEvent.USER_FORGOTTEN, MemoryScope.EVERYWHERE,
                Map.of("messages", 1, MemoryEvent.AUTHOR_DIGEST, erased), Map.of())));

        await().atMost(Duration.ofSeconds(20)).until(() -> found("Zephyrine").equals(List.of(oli.id())));
    }

    @Test
    void aMessageDeletedThroughAnotherReplicaLeavesThisReplicasSearchIndexWithTheRepliesToIt() {
        ChatMessage pia = TestEvents.discordMessage(CHANNEL, "820000000000000003", "Pia",
                "The ferry to Quillhaven leaves at dawn on Thursdays.");
        ChatMessage ravi = TestEvents.discordMessage(CHANNEL, "820000000000000004", "Ravi",
                "Quillhaven has the best smoked fish on the coast.");
        topics.send(Topics.CHAT_INBOUND, pia);
        topics.send(Topics.CHAT_OUTBOUND, TestEvents.finalReply(pia, "sable", "Sable",
                "A dawn ferry to Quillhaven, I will remember."));
        topics.send(Topics.CHAT_INBOUND, ravi);
        await().atMost(Duration.ofSeconds(60)).until(() -> found("Quillhaven").size() == 3);

        String id = MemoryEvent.idFor(MemoryEvent.MESSAGE_DELETED, pia.id());
        topics.send(Topics.MEMORY_EVENTS, MemoryScope.EVERYWHERE, EventCodec.encode(new MemoryEvent(
                Event.SCHEMA_VERSION, id, id, MemoryEvent.MESSAGE_DELETED, MemoryScope.EVERYWHERE,
                Map.of(MemoryEvent.MESSAGE_ID, pia.id()), Map.of())));

        await().atMost(Duration.ofSeconds(20)).until(() -> found("Quillhaven").equals(List.of(ravi.id())));
    }

    private List<String> found(String words) {
        return index.matches(SCOPE, words, 10, Set.of()).stream().map(ScoredId::id).toList();
    }
}
