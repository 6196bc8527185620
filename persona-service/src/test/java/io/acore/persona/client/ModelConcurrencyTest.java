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
import java.util.function.Supplier;
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
        List<CompletableFuture<String>> calls = calls(20, () -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            waitFor(release);
            running.decrementAndGet();
            return "answer";
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == 8);
        release.countDown();

        assertThat(answers(calls)).hasSize(20).containsOnly("answer");
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
            answers(calls(places, () -> {
                allRunning.countDown();
                waitFor(allRunning);
                return "ok";
            }));
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
        Supplier<String> server = () -> {
            if (atTheServer.incrementAndGet() > room) {
                atTheServer.decrementAndGet();
                refused.incrementAndGet();
                throw new LlmBusyException("429: too many requests");
            }
            mostAtOnce.accumulateAndGet(atTheServer.get(), Math::max);
            waitFor(release);
            atTheServer.decrementAndGet();
            return "answer";
        };
        calls(8, server);
        await().atMost(Duration.ofSeconds(5)).until(() -> refused.get() > 0 && atTheServer.get() == room);
        assertThat(concurrency.limit()).as("the limit once the server said it was full").isEqualTo(room);
        int refusedBefore = refused.get();

        List<CompletableFuture<String>> more = calls(20, server);
        release.countDown();

        assertThat(answers(more)).hasSize(20).containsOnly("answer");
        assertThat(refused).as("calls refused after the limit was set").hasValue(refusedBefore);
        assertThat(mostAtOnce).hasValue(room);
    }

    /** {@code count} callers at once, each calling {@code server} through the limit. */
    private List<CompletableFuture<String>> calls(int count, Supplier<String> server) {
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> concurrency.call(server, Instant.now().plusSeconds(5)),
                    callers));
        }
        return calls;
    }

    private static List<String> answers(List<CompletableFuture<String>> calls) throws Exception {
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                .thenApply(done -> calls.stream().map(CompletableFuture::join).toList()).get(10, TimeUnit.SECONDS);
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
