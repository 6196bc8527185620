package io.acore.chaos;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Puts the stub model out of service and back: while it is down, every chat request is answered 503. */
final class ModelOutage extends Filter {
    private volatile boolean down;

    void down() {
        down = true;
    }

    void up() {
        down = false;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        if (!down) {
            chain.doFilter(exchange);
            return;
        }
        unavailable(exchange, "{\"error\":{\"message\":\"model server out of service\"}}");
    }

    /** Answers the chat request 503 with the JSON {@code error}. */
    private static void unavailable(HttpExchange exchange, String error) throws IOException {
        byte[] body = error.getBytes(StandardCharsets.UTF_8);
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public String description() {
        return "a model server outage";
    }
}
