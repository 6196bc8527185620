package io.acore.events.lanes;

import static org.assertj.core.api.Assertions.assertThat;

import io.acore.events.ConversationId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ConversationOrderTest {
    private static final ConversationId FIRST = ConversationId.web("first");
    private static final ConversationId SECOND = ConversationId.web("second");

    private final ConversationOrder order = new ConversationOrder();
    private final List<String> started = new CopyOnWriteArrayList<>();

    @Test
    void aConversationsPiecesRunOneAfterAnotherEvenWhenOneFails() {
        CompletableFuture<Void> firstPiece = new CompletableFuture<>();
        order.after(FIRST, () -> piece("a1", firstPiece));
        var second = order.after(FIRST, () -> piece("a2", CompletableFuture.completedFuture(null)));

        assertThat(started).containsExactly("a1");
        firstPiece.completeExceptionally(new IllegalStateException("the model gave up"));

        assertThat(started).containsExactly("a1", "a2");
        assertThat(second.toCompletableFuture()).isCompleted();
        assertThat(order.idle(FIRST)).isTrue();
    }

    @Test
    void otherConversationsDoNotWait() {
        order.after(FIRST, () -> piece("a1", new CompletableFuture<>()));
        order.after(SECOND, () -> piece("b1", new CompletableFuture<>()));

        assertThat(started).containsExactly("a1", "b1");
        assertThat(order.idle(SECOND)).isFalse();
    }

    private CompletableFuture<Void> piece(String name, CompletableFuture<Void> end) {
        started.add(name);
        return end;
    }
}
