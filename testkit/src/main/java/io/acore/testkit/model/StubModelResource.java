package io.acore.testkit.model;

import io.acore.devstack.StubLlmServer;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.InjectedFields;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * The stub model for a {@code @QuarkusTest}, set as {@code acore.llm.base-url}. Tests steer it through the
 * {@link ModelScript} they get in a field marked {@link InjectTestResource}.
 */
public class StubModelResource implements QuarkusTestResourceLifecycleManager {
    private final ModelScript script = new ModelScript();
    private StubLlmServer stub;

    @Override
    public Map<String, String> start() {
        try {
            stub = StubLlmServer.start(0, Duration.ZERO, script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("acore.llm.base-url", stub.baseUrl(), "acore.llm.model", StubLlmServer.MODEL);
    }

    @Override
    public void inject(TestInjector injector) {
        InjectedFields.fill(injector, ModelScript.class, script);
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
