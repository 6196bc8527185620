package io.acore.testkit.kafka;

import io.acore.devstack.EmbeddedKafka;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.InjectedFields;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * An in-JVM Kafka broker for a {@code @QuarkusTest}; with scope GLOBAL it starts once per test run. Tests get its
 * {@link KafkaTopics} and the {@link Broker} itself in fields marked {@link InjectTestResource}.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {
    private EmbeddedKafka kafka;
    private KafkaTopics topics;

    @Override
    public Map<String, String> start() {
        try {
            kafka = EmbeddedKafka.start(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        topics = new KafkaTopics(new KafkaCompanion(kafka.bootstrapServers()));
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void inject(TestInjector injector) {
        InjectedFields.fill(injector, KafkaTopics.class, topics);
        InjectedFields.fill(injector, Broker.class, new Broker() {
            @Override
            public void stop() {
                kafka.close();
            }

            @Override
            public void start() {
                try {
                    kafka = EmbeddedKafka.start(Integer.parseInt(
                            kafka.bootstrapServers().substring(kafka.bootstrapServers().lastIndexOf(':') + 1)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    @Override
    public void stop() {
        if (topics != null) {
            topics.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }
}
