package io.acore.devstack.quarkus;

import io.acore.devstack.StubLlmServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/** Starts the stub model for a @QuarkusTest and points {@code acore.llm.base-url} at it. */
public class StubLlmTestResource implements QuarkusTestResourceLifecycleManager {
    private static volatile StubLlmServer stub;

    @Override
    public Map<String, String> start() {
        try {
            stub = StubLlmServer.start(0, Duration.ZERO);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("acore.llm.base-url", stub.baseUrl(), "acore.llm.model", StubLlmServer.MODEL);
    }

    public static StubLlmServer stub() {
        return stub;
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
