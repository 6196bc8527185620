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
        storedWithAReplyAndAnother(nell, "Zephyrine on the lamp room stairs, what a picture.", oli, "Zephyrine");
        assertThat(found("Zephyrine")).contains(nell.id(), oli.id());

        announce(MemoryEvent.USER_FORGOTTEN, "erasure#elsewhere",
                Map.of("messages", 1, MemoryEvent.AUTHOR_DIGEST, Sha256.hex(nell.author().id())));

        await().atMost(Duration.ofSeconds(20)).until(() -> found("Zephyrine").equals(List.of(oli.id())));
    }

    @Test
    void aMessageDeletedThroughAnotherReplicaLeavesThisReplicasSearchIndexWithTheRepliesToIt() {
        ChatMessage pia = TestEvents.discordMessage(CHANNEL, "820000000000000003", "Pia",
                "The ferry to Quillhaven leaves at dawn on Thursdays.");
        ChatMessage ravi = TestEvents.discordMessage(CHANNEL, "820000000000000004", "Ravi",
                "Quillhaven has the best smoked fish on the coast.");
        storedWithAReplyAndAnother(pia, "A dawn ferry to Quillhaven, I will remember.", ravi, "Quillhaven");

        announce(MemoryEvent.MESSAGE_DELETED, pia.id(), Map.of(MemoryEvent.MESSAGE_ID, pia.id()));

        await().atMost(Duration.ofSeconds(20)).until(() -> found("Quillhaven").equals(List.of(ravi.id())));
    }

    /** {@code first}, Sable's reply to it and {@code other}, once the search index finds all three by {@code word}. */
    private void storedWithAReplyAndAnother(ChatMessage first, String reply, ChatMessage other, String word) {
        topics.send(Topics.CHAT_INBOUND, first);
        topics.send(Topics.CHAT_OUTBOUND, TestEvents.finalReply(first, "sable", "Sable", reply));
        topics.send(Topics.CHAT_INBOUND, other);
        await().atMost(Duration.ofSeconds(60)).until(() -> found(word).size() == 3);
    }

    /** What the replica that changed the database says on the broker. */
    private void announce(String type, String subject, Map<String, Object> data) {
        String id = MemoryEvent.idFor(type, subject);
        topics.send(Topics.MEMORY_EVENTS, MemoryScope.EVERYWHERE, EventCodec.encode(new MemoryEvent(
                Event.SCHEMA_VERSION, id, id, type, MemoryScope.EVERYWHERE, data, Map.of())));
    }

    private List<String> found(String words) {
        return index.matches(SCOPE, words, 10, Set.of()).stream().map(ScoredId::id).toList();
    }
}
