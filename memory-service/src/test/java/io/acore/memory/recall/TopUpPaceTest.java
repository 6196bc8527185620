package io.acore.memory.recall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TopUpPaceTest {
    private final AtomicLong now = new AtomicLong();
    private final TopUpPace pace = new TopUpPace(now::get);

    @Test
    void theFirstTopUpIsDueAtOnceAndTheNextOnlyASecondAfterIt() {
        assertThat(pace.due()).isTrue();
        assertThat(pace.due()).isFalse();
        passes(Duration.ofMillis(999));
        assertThat(pace.due()).isFalse();
        passes(Duration.ofMillis(1));
        assertThat(pace.due()).isTrue();
        assertThat(pace.due()).isFalse();
    }

    @Test
    void aSecondCountsFromTheLastTopUpNotFromTheLastAsking() {
        assertThat(pace.due()).isTrue();
        passes(Duration.ofMillis(600));
        assertThat(pace.due()).isFalse();
        passes(Duration.ofMillis(600));
        assertThat(pace.due()).isTrue();
        passes(Duration.ofMillis(600));
        assertThat(pace.due()).isFalse();
    }

    @Test
    void aClockThatStartsAnywhereEvenBelowZeroIsFollowed() {
        now.set(Long.MIN_VALUE + 10);
        assertThat(pace.due()).isTrue();
        passes(Duration.ofSeconds(2));
        assertThat(pace.due()).isTrue();
    }

    private void passes(Duration time) {
        now.addAndGet(time.toNanos());
    }
}
