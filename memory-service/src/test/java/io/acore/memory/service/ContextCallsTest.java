package io.acore.memory.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ContextCallsTest {
    private final ContextCalls calls = new ContextCalls(Duration.ofMinutes(1));

    @Test
    void aMessageGivenContextAwaitsItsReplyUntilTheReplyIsOut() {
        assertThat(calls.noneAwaitingReply()).isTrue();
        calls.started("m1");
        calls.started("m2");
        assertThat(calls.noneAwaitingReply()).isFalse();
        calls.answered("m1");
        assertThat(calls.noneAwaitingReply()).isFalse();
        calls.answered("m2");
        assertThat(calls.noneAwaitingReply()).isTrue();
    }

    @Test
    void aReplyThatNeverComesIsNotAwaitedPastTheLongestDeferral() {
        ContextCalls forgetful = new ContextCalls(Duration.ZERO);
        forgetful.started("m1");
        assertThat(forgetful.noneAwaitingReply()).isTrue();
    }

    @Test
    void aReplyToAMessageNeverGivenContextChangesNothing() {
        calls.started("m1");
        calls.answered("other");
        assertThat(calls.noneAwaitingReply()).isFalse();
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
