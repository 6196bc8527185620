package io.acore.gateway.service;

import static io.acore.gateway.service.UserRateLimiter.Decision.ALLOW;
import static io.acore.gateway.service.UserRateLimiter.Decision.REFUSE_AND_TELL;
import static io.acore.gateway.service.UserRateLimiter.Decision.REFUSE_QUIETLY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InstanceRateBucketsTest {
    private final AtomicLong now = new AtomicLong();
    private final InstanceRateBuckets limiter = new InstanceRateBuckets(10, now::get);

    @Test
    void allowsTheQuotaThenRefusesTellingTheUserOnce() {
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.check("ada")).isEqualTo(ALLOW);
        }
        assertThat(limiter.check("ada")).isEqualTo(REFUSE_AND_TELL);
        assertThat(limiter.check("ada")).isEqualTo(REFUSE_QUIETLY);
        assertThat(limiter.check("bo")).isEqualTo(ALLOW);
    }

    @Test
    void refillsEvenlyAndTellsAgainAfterAMessageGotThrough() {
        for (int i = 0; i < 10; i++) {
            limiter.check("ada");
        }
        assertThat(limiter.check("ada")).isEqualTo(REFUSE_AND_TELL);

        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(limiter.check("ada")).isEqualTo(ALLOW);
        assertThat(limiter.check("ada")).isEqualTo(REFUSE_AND_TELL);

        now.addAndGet(Duration.ofMinutes(1).toNanos());
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.check("ada")).isEqualTo(ALLOW);
        }
        assertThat(limiter.check("ada")).isEqualTo(REFUSE_AND_TELL);
    }
}
