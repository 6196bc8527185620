package io.acore.gateway.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acore.events.ConversationId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InOrderPerConversationTest {
    private static final ConversationId GENERAL = ConversationId.discord("1", "10");
    private static final ConversationId RANDOM = ConversationId.discord("1", "11");

    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final InOrderPerConversation inOrder = new InOrderPerConversation(workers);

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    @Test
    void eachConversationsWorkRunsInTheOrderHandedInAndNothingIsHeldAfterwards() {
        Map<ConversationId, List<Integer>> done = new ConcurrentHashMap<>();
        for (int i = 0; i < 2_000; i++) {
            int step = i;
            ConversationId conversation = i % 3 == 0 ? RANDOM : GENERAL;
            inOrder.run(conversation, () -> {
                if (step % 7 == 0) {
                    throw new IllegalStateException("a failure does not stop what follows");
                }
                done.computeIfAbsent(conversation, key -> new ArrayList<>()).add(step);
            });
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> inOrder.busy() == 0);
        for (List<Integer> steps : done.values()) {
            assertThat(steps).isSorted();
        }
        assertThat(done.values().stream().mapToInt(List::size).sum()).isEqualTo(2_000 - 286);
    }

    @Test
    void aConversationWaitingDoesNotHoldUpAnother() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean randomDone = new AtomicBoolean();
        AtomicBoolean generalSecondDone = new AtomicBoolean();
        inOrder.run(GENERAL, () -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        inOrder.run(GENERAL, () -> generalSecondDone.set(true));
        inOrder.run(RANDOM, () -> randomDone.set(true));

        await().atMost(Duration.ofSeconds(5)).untilTrue(randomDone);
        assertThat(generalSecondDone).as("waits for the conversation's earlier work").isFalse();
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).untilTrue(generalSecondDone);
    }
}
