package io.acore.bench;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import io.acore.devstack.StubLlmServer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model server with room for only so many requests at once, as a GPU server is: one request more is refused at
 * once, 503 "server busy" (what Ollama says when its queue is full) or 429 "rate limited" (what hosted
 * OpenAI-compatible servers say). Counts the requests in flight at most, and those refused.
 */
public final class ModelCapacity extends Filter {
    private final int room;
    private final int refusal;
    private final String error;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    private ModelCapacity(int room, int refusal, String error) {
        this.room = room;
        this.refusal = refusal;
        this.error = error;
    }

    /** Room for {@code room} requests (0: no limit), then 503 as Ollama answers. */
    public static ModelCapacity busyBeyond(int room) {
        return new ModelCapacity(room, 503,
                "{\"error\":\"server busy, please try again. maximum pending requests exceeded\"}");
    }

    /** Room for {@code room} requests (0: no limit), then 429 as a hosted OpenAI-compatible server answers. */
    public static ModelCapacity rateLimitedBeyond(int room) {
        return new ModelCapacity(room, 429,
                "{\"error\":{\"message\":\"Rate limit reached: too many requests at once\",\"type\":\"requests\"}}");
    }

    public int refused() {
        return refused.get();
    }

    /** The most requests the server was answering at one time. */
    public int mostInFlight() {
        return mostInFlight.get();
    }

    /** Starts counting the most in flight again from now. */
    public void resetMostInFlight() {
        mostInFlight.set(inFlight.get());
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        int now = inFlight.incrementAndGet();
        if (room == 0 || now <= room) {
            mostInFlight.accumulateAndGet(now, Math::max);
            try {
                chain.doFilter(exchange);
            } finally {
                inFlight.decrementAndGet();
            }
            return;
        }
        inFlight.decrementAndGet();
        refused.incrementAndGet();
        StubLlmServer.respond(exchange, refusal, "application/json", error);
    }

    @Override
    public String description() {
        return "a model server with room for " + room + " requests at once";
    }
}
