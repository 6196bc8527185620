package io.acore.persona.client;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limiter.AbstractLimiter;
import com.netflix.concurrency.limits.limiter.BlockingLimiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.acore.events.llm.LlmBusyException;
import io.acore.events.llm.LlmDeadlineException;
import io.acore.persona.config.LlmConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * How many calls the model server is sent at once, following what it takes rather than a constant: when it says it is
 * full ({@link LlmBusyException}) the limit becomes what it was running ({@link ServerSizedLimit}), and grows by one
 * each second while calls pass near it; see {@link LlmConfig.Concurrency}. A call over the limit waits for a place
 * until its deadline. Gauges {@code acore_persona_model_concurrency_limit} and {@code …_in_flight}.
 */
@ApplicationScoped
public class ModelConcurrency {
    private static final Duration GROWTH_WINDOW = Duration.ofSeconds(1);

    private final ServerSizedLimit limit;
    private final AbstractLimiter<Void> places;
    private final Limiter<Void> waiting;

    public ModelConcurrency(LlmConfig config, MeterRegistry registry) {
        LlmConfig.Concurrency limits = config.concurrency();
        this.limit = new ServerSizedLimit(limits.initial(), limits.min(), limits.max(), GROWTH_WINDOW);
        this.places = SimpleLimiter.newBuilder().named("model").limit(limit).build();
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
            // its place given back first: of several calls refused at once, the last to get here then counts only
            // the calls the server was running, and the limit keeps the least count
            place.onDropped();
            limit.full(places.getInflight());
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
