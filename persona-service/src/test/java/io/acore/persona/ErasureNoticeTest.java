package io.acore.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acore.events.ChatMessage;
import io.acore.events.Event;
import io.acore.events.EventCodec;
import io.acore.events.MemoryEvent;
import io.acore.events.Sha256;
import io.acore.events.Topics;
import io.acore.events.api.HistoryEntry;
import io.acore.persona.service.RecentTurns;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.TestEvents;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.postgres.PostgresResource;
import io.acore.testkit.kafka.KafkaTopics;
import io.acore.testkit.model.StubModelResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StubModelResource.class, scope = TestResourceScope.GLOBAL)
class ErasureNoticeTest {
    @InjectTestResource
    KafkaTopics topics;

    @Inject
    RecentTurns recent;

    @Test
    void anErasedUsersTurnsAndTheRepliesToThemLeaveTheRecentTurnsAndOthersStay() {
        ChatMessage erased = TestEvents.webMessage("erasure-notice", "erin", "My address is 12 Elm Street.");
        ChatMessage kept = TestEvents.webMessage("erasure-notice", "kai", "Nice weather today.");
        recent.took(erased);
        recent.published(TestEvents.finalReply(erased, "sable", "Sable", "Noted, 12 Elm Street."));
        recent.took(kept);
        topics.send(Topics.MEMORY_EVENTS, "*", "{\"v\":1}");
        MemoryEvent forgotten = new MemoryEvent(Event.SCHEMA_VERSION, "erasure-1", "erasure-1",
                MemoryEvent.USER_FORGOTTEN, "*", Map.of("messages", 1,
                        MemoryEvent.AUTHOR_DIGEST, Sha256.hex(erased.author().id())), Map.of());
        topics.send(Topics.MEMORY_EVENTS, "*", EventCodec.encode(forgotten));

        List<HistoryEntry> left = await().atMost(Duration.ofSeconds(20)).until(
                () -> recent.mergedWith(erased.conversationId(), List.of()), entries -> entries.size() == 1);

        assertThat(left).extracting(HistoryEntry::content).containsExactly("Nice weather today.");
    }
}
