package io.acore.persona.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.acore.events.llm.LlmBusyException;
import io.acore.events.llm.LlmSettings.Api;
import io.acore.persona.config.TestLlmConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelConcurrencyTest {
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final ModelConcurrency concurrency = new ModelConcurrency(
            TestLlmConfig.of(Api.OPENAI, "http://localhost:1/v1", Duration.ofSeconds(5)), new SimpleMeterRegistry());

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void callsBeyondTheLimitWaitForAPlaceAndAllAreAnswered() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> concurrency.call(() -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                running.decrementAndGet();
                return "answer";
            }, Instant.now().plusSeconds(5)), callers));
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == 8);
        release.countDown();

        assertThat(CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                .thenApply(done -> calls.stream().map(CompletableFuture::join).toList()).get(10, TimeUnit.SECONDS))
                .hasSize(20).containsOnly("answer");
        assertThat(mostAtOnce).hasValue(8);
    }

    @Test
    void aServerSayingItIsFullGetsFewerCallsAtOnceAndMoreAgainOnceItAnswers() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (int i = 0; i < 20; i++) {
                assertThatThrownBy(() -> concurrency.call(() -> {
                    throw new LlmBusyException("429: too many requests");
                }, Instant.now().plusSeconds(5))).isInstanceOf(LlmBusyException.class);
            }
            assertThat(concurrency.limit()).isLessThan(8);
        });
        int lowered = concurrency.limit();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            int places = concurrency.limit();
            CountDownLatch allRunning = new CountDownLatch(places);
            List<CompletableFuture<String>> busy = new ArrayList<>();
            for (int i = 0; i < places; i++) {
                busy.add(CompletableFuture.supplyAsync(() -> concurrency.call(() -> {
                    allRunning.countDown();
                    try {
                        allRunning.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return "ok";
                }, Instant.now().plusSeconds(5)), callers));
            }
            busy.forEach(CompletableFuture::join);
            assertThat(concurrency.limit()).isGreaterThan(lowered);
        });
    }

    @Test
    void aServerThatSaysItIsFullSetsTheLimitToWhatItWasRunningAndTheRestWaitInsteadOfBeingRefused() throws Exception {
        int room = 5;
        AtomicInteger atTheServer = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        java.util.function.Supplier<String> server = () -> {
            if (atTheServer.incrementAndGet() > room) {
                atTheServer.decrementAndGet();
                refused.incrementAndGet();
                throw new LlmBusyException("429: too many requests");
            }
            mostAtOnce.accumulateAndGet(atTheServer.get(), Math::max);
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            atTheServer.decrementAndGet();
            return "answer";
        };
        List<CompletableFuture<String>> first = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            first.add(CompletableFuture.supplyAsync(() -> concurrency.call(server, Instant.now().plusSeconds(5)),
                    callers));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> refused.get() > 0 && atTheServer.get() == room);
        assertThat(concurrency.limit()).as("the limit once the server said it was full").isEqualTo(room);
        int refusedBefore = refused.get();

        List<CompletableFuture<String>> more = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            more.add(CompletableFuture.supplyAsync(() -> concurrency.call(server, Instant.now().plusSeconds(5)),
                    callers));
        }
        release.countDown();

        assertThat(CompletableFuture.allOf(more.toArray(CompletableFuture[]::new))
                .thenApply(done -> more.stream().map(CompletableFuture::join).toList()).get(10, TimeUnit.SECONDS))
                .hasSize(20).containsOnly("answer");
        assertThat(refused).as("calls refused after the limit was set").hasValue(refusedBefore);
        assertThat(mostAtOnce).hasValue(room);
    }
}
