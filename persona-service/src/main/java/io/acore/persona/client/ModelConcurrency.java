package io.acore.persona.client;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limit.WindowedLimit;
import com.netflix.concurrency.limits.limiter.AbstractLimiter;
import com.netflix.concurrency.limits.limiter.BlockingLimiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.acore.events.llm.LlmBusyException;
import io.acore.events.llm.LlmDeadlineException;
import io.acore.persona.config.LlmConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How many calls the model server is sent at once, following what it takes rather than a constant: additive
 * increase while calls pass near the limit, multiplicative decrease in each stretch of time in which the server
 * said it was full ({@link LlmBusyException}); see {@link LlmConfig.Concurrency}. A call over the limit waits for a
 * place until its deadline. Gauges {@code acore_persona_model_concurrency_limit} and {@code …_in_flight}.
 */
@ApplicationScoped
public class ModelConcurrency {
    private final AbstractLimiter<Void> places;
    private final Limiter<Void> waiting;

    public ModelConcurrency(LlmConfig config, MeterRegistry registry) {
        LlmConfig.Concurrency limits = config.concurrency();
        this.places = SimpleLimiter.newBuilder().named("model")
                .limit(WindowedLimit.newBuilder().minWindowTime(1, TimeUnit.SECONDS)
                        .minRttThreshold(0, TimeUnit.NANOSECONDS) // a "full" answered at once counts too
                        .build(AIMDLimit.newBuilder()
                        .initialLimit(limits.initial()).minLimit(limits.min()).maxLimit(limits.max())
                        .backoffRatio(limits.backoff())
                        // a reply may take as long as a call may: only the server's "full" counts as a drop
                        .timeout(config.timeout().toNanos(), TimeUnit.NANOSECONDS).build()))
                .build();
        this.waiting = BlockingLimiter.wrap(places, config.timeout());
        Gauge.builder("acore.persona.model.concurrency.limit", places, AbstractLimiter::getLimit)
                .description("model calls allowed at once").register(registry);
        Gauge.builder("acore.persona.model.concurrency.in.flight", places, AbstractLimiter::getInflight)
                .description("model calls running").register(registry);
    }

    /** Runs {@code call} once it has a place, which it holds until it returns. */
    public <T> T call(Supplier<T> call, Instant deadline) {
        Limiter.Listener place = waiting.acquire(null).orElseThrow(() -> new LlmDeadlineException(
                "no place among the model's calls before the deadline", null));
        if (Instant.now().isAfter(deadline)) {
            place.onIgnore();
            throw new LlmDeadlineException("the deadline passed while waiting for a place among the model's calls",
                    null);
        }
        try {
            T result = call.get();
            place.onSuccess();
            return result;
        } catch (LlmBusyException full) {
            place.onDropped();
            throw full;
        } catch (RuntimeException failure) {
            place.onIgnore();
            throw failure;
        }
    }

    int limit() {
        return places.getLimit();
    }
}
