package io.acore.memory.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ContextCallsTest {
    private static final Duration LONG = Duration.ofMinutes(1);
    private final ContextCalls calls = new ContextCalls();

    @Test
    void aMessageGivenContextAwaitsItsReplyUntilTheReplyIsOut() {
        assertThat(calls.noneAwaitingReply(LONG)).isTrue();
        calls.started("m1");
        calls.started("m2");
        assertThat(calls.noneAwaitingReply(LONG)).isFalse();
        calls.answered("m1");
        assertThat(calls.noneAwaitingReply(LONG)).isFalse();
        calls.answered("m2");
        assertThat(calls.noneAwaitingReply(LONG)).isTrue();
    }

    @Test
    void aReplyThatNeverComesIsForgottenAfterTheLongestWait() {
        calls.started("m1");
        assertThat(calls.noneAwaitingReply(Duration.ZERO)).isTrue();
        assertThat(calls.noneAwaitingReply(LONG)).as("forgotten, not only skipped").isTrue();
    }

    @Test
    void aReplyToAMessageNeverGivenContextChangesNothing() {
        calls.started("m1");
        calls.answered("other");
        assertThat(calls.noneAwaitingReply(LONG)).isFalse();
    }

    @Test
    void theLastReplyOutSetsOffTheWaitingWorkOnce() {
        AtomicInteger setOff = new AtomicInteger();
        calls.whenAllAnswered(setOff::incrementAndGet);
        calls.started("m1");
        calls.started("m2");
        calls.answered("m1");
        assertThat(setOff).hasValue(0);
        calls.answered("m2");
        calls.answered("m2");
        calls.answered("never asked");
        assertThat(setOff).hasValue(1);
    }
}
