package io.acore.devstack.quarkus;

import io.acore.devstack.EmbeddedKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Starts an in-JVM Kafka broker for a @QuarkusTest; use with scope GLOBAL so it starts once per test run. */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {
    private static volatile EmbeddedKafka kafka;

    @Override
    public Map<String, String> start() {
        try {
            kafka = EmbeddedKafka.start(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    public static String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Stops the broker now, for tests of an outage; the resource's own stop then does nothing more. */
    public static void stopBroker() {
        kafka.close();
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }
}
