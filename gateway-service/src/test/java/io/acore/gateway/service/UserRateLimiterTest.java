package io.acore.gateway.service;

import static io.acore.gateway.service.UserRateLimiter.Decision.ALLOW;
import static io.acore.gateway.service.UserRateLimiter.Decision.REFUSE_AND_TELL;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class UserRateLimiterTest {
    private final AtomicReference<Optional<UserRateLimiter.Decision>> sharedAnswer =
            new AtomicReference<>(Optional.empty());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final UserRateLimiter limiter = new UserRateLimiter(new SharedRateBuckets(null, 10) {
        @Override
        public Optional<UserRateLimiter.Decision> take(String userId) {
            return sharedAnswer.get();
        }
    }, new InstanceRateBuckets(10, () -> 0L), registry);

    @Test
    void theSharedBucketsDecideWhenTheDatabaseAnswers() {
        sharedAnswer.set(Optional.of(REFUSE_AND_TELL));

        assertThat(limiter.check("ada")).isEqualTo(REFUSE_AND_TELL);
        assertThat(registry.counter("acore.gateway.rate.limit.local").count()).isZero();
    }

    @Test
    void withoutTheDatabaseThisInstanceCountsAloneAndStillLimits() {
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.check("ada")).isEqualTo(ALLOW);
        }
        assertThat(limiter.check("ada")).isEqualTo(REFUSE_AND_TELL);
        assertThat(registry.counter("acore.gateway.rate.limit.local").count()).isEqualTo(11);
    }
}
