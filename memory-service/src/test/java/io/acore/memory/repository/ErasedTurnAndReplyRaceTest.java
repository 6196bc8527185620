package io.acore.memory.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.acore.events.ConversationId;
import io.acore.events.Role;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.postgres.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * A user's turn sent before they were erased and the reply to it reach memory through two consumers, often at the
 * same moment: whichever is written first, the reply never outlives the turn that was dropped.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ErasedTurnAndReplyRaceTest {
    private static final int ROUNDS = 40;

    @Inject
    MessageRepository messages;

    @Test
    void aReplyStoredWhileItsErasedTurnIsDroppedIsDroppedToo() throws Exception {
        String author = "web:racer";
        Instant sentBeforeTheErasure = Instant.now().minusSeconds(5);
        messages.forget(author);

        List<String> replies = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                ConversationId conversation = ConversationId.web("race-" + round);
                StoredMessage turn = new StoredMessage("turn-" + round, conversation, "web", Role.USER, author,
                        "racer", false, "words in flight " + round, null, "trace-" + round, sentBeforeTheErasure);
                StoredMessage reply = new StoredMessage("reply-" + round, conversation, "web", Role.PERSONA,
                        "persona:sable", "Sable", true, "an answer " + round, turn.id(), "trace-" + round,
                        Instant.now());
                replies.add(reply.id());
                CyclicBarrier together = new CyclicBarrier(2);
                CompletableFuture.allOf(
                        CompletableFuture.runAsync(() -> storeAfter(together, turn), writers),
                        CompletableFuture.runAsync(() -> storeAfter(together, reply), writers)).join();
            }
        } finally {
            writers.shutdownNow();
        }

        assertThat(messages.byIds(replies)).as("replies to turns dropped as erased").isEmpty();
    }

    private void storeAfter(CyclicBarrier together, StoredMessage turn) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        messages.store(List.of(turn));
    }
}
