package io.acore.chaos;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model server with room for only so many requests at once, as a GPU server is: one request more is answered
 * 503 "server busy" at once (what Ollama says when its queue is full).
 */
final class ModelCapacity extends Filter {
    private final int room;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    /** {@code room} 0 means no limit. */
    ModelCapacity(int room) {
        this.room = room;
    }

    int refused() {
        return refused.get();
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        if (room == 0) {
            chain.doFilter(exchange);
            return;
        }
        if (inFlight.incrementAndGet() <= room) {
            try {
                chain.doFilter(exchange);
            } finally {
                inFlight.decrementAndGet();
            }
            return;
        }
        inFlight.decrementAndGet();
        refused.incrementAndGet();
        ModelOutage.unavailable(exchange,
                "{\"error\":\"server busy, please try again. maximum pending requests exceeded\"}");
    }

    @Override
    public String description() {
        return "a model server with room for " + room + " requests at once";
    }
}
