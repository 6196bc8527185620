package io.acore.chaos;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import io.acore.devstack.StubLlmServer;
import java.io.IOException;

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
        StubLlmServer.respond(exchange, 503, "application/json",
                "{\"error\":{\"message\":\"model server out of service\"}}");
    }

    @Override
    public String description() {
        return "a model server outage";
    }
}
