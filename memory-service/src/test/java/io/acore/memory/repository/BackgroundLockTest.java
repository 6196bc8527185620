package io.acore.memory.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.postgres.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class BackgroundLockTest {
    @Inject
    BackgroundLock lock;

    @Test
    void whileOneReplicaRunsAJobAnotherSkipsItsRoundOfThatJobButRunsOthers() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicInteger rounds = new AtomicInteger();
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> lock.runAlone("job-x", () -> {
            rounds.incrementAndGet();
            running.countDown();
            await(finish);
        }));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        boolean second = lock.runAlone("job-x", rounds::incrementAndGet);
        boolean other = lock.runAlone("job-y", () -> { });
        finish.countDown();

        assertThat(second).as("the same job, meanwhile").isFalse();
        assertThat(other).as("another job, meanwhile").isTrue();
        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(rounds).hasValue(1);
        assertThat(lock.runAlone("job-x", rounds::incrementAndGet)).as("once the first round is over").isTrue();
        assertThat(rounds).hasValue(2);
    }

    @Test
    void aRoundThatFailsLetsTheLockGo() {
        assertThatThrownBy(() -> lock.runAlone("job-z", () -> {
            throw new IllegalStateException("the round failed");
        })).hasMessage("the round failed");

        assertThat(lock.runAlone("job-z", () -> { })).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
