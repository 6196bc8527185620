package io.acore.persona.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acore.events.ConversationId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConversationLanesTest {
    private static final ConversationId FIRST = ConversationId.web("first");
    private static final ConversationId SECOND = ConversationId.web("second");

    private final ConversationLanes lanes = new ConversationLanes(2);
    private final CountDownLatch released = new CountDownLatch(1);

    @AfterEach
    void stop() {
        released.countDown();
        lanes.stop();
    }

    @Test
    void aPieceWithAFreePlaceIsAdmittedAtOnceAndOneWithoutWaitsForAPlace() {
        CompletionStage<CompletionStage<Void>> first = lanes.admit(FIRST, this::held);
        CompletionStage<CompletionStage<Void>> second = lanes.admit(SECOND, this::held);
        CompletionStage<CompletionStage<Void>> third = lanes.admit(ConversationId.web("third"), () -> { });

        assertThat(first.toCompletableFuture()).isCompleted();
        assertThat(second.toCompletableFuture()).isCompleted();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> !third.toCompletableFuture().isDone());

        released.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> third.toCompletableFuture().isDone());
    }

    @Test
    void aPieceThatFindsAPlaceFreeDoesNotOvertakeAnEarlierOneStillWaitingForIt() {
        ConversationLanes onePlace = new ConversationLanes(1);
        try {
            Map<ConversationId, List<Integer>> ran = new ConcurrentHashMap<>();
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int piece = 0; piece < 3_000; piece++) {
                ConversationId conversation = piece % 2 == 0 ? FIRST : SECOND;
                int number = piece;
                done.add(onePlace.admit(conversation, () -> ran.computeIfAbsent(conversation,
                        any -> new CopyOnWriteArrayList<>()).add(number)).toCompletableFuture()
                        .thenCompose(CompletionStage::toCompletableFuture));
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> done.stream().allMatch(CompletableFuture::isDone));
            assertThat(ran.get(FIRST)).hasSize(1_500).isSorted();
            assertThat(ran.get(SECOND)).hasSize(1_500).isSorted();
        } finally {
            onePlace.stop();
        }
    }

    private void held() {
        try {
            released.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
