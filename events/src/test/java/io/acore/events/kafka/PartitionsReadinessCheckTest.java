package io.acore.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import jakarta.enterprise.event.Event;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class PartitionsReadinessCheckTest {
    private static final TopicPartition FIRST = new TopicPartition("acore.chat.inbound", 0);
    private static final TopicPartition SECOND = new TopicPartition("acore.chat.inbound", 1);

    private final List<PartitionsRevoked> announced = new ArrayList<>();
    private final PartitionAssignments assignments = new PartitionAssignments(announcedTo(announced));
    private final PartitionsReadinessCheck check = new PartitionsReadinessCheck(
            new OneChannel("chat-inbound", "memory-service.chat-inbound"), assignments);

    @Test
    void notReadyUntilTheGroupHasHandedOutItsPartitions() {
        HealthCheckResponse joining = check.call();
        assertThat(joining.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(joining.getData()).get().asInstanceOf(MAP)
                .containsEntry("chat-inbound", "joining group memory-service.chat-inbound");

        assignments.onPartitionsAssigned(consumerOf("memory-service.chat-inbound"), List.of(FIRST, SECOND));

        HealthCheckResponse joined = check.call();
        assertThat(joined.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(joined.getData()).get().asInstanceOf(MAP)
                .containsEntry("chat-inbound", "2 partitions");
    }

    @Test
    void aMemberGivenNoPartitionsBecauseTheGroupHasMoreMembersThanPartitionsIsReady() {
        assignments.onPartitionsAssigned(consumerOf("memory-service.chat-inbound"), List.of());

        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void partitionsGivenUpAreAnnouncedWithTheirGroupAndAnEmptyRevokeIsNot() {
        assignments.onPartitionsAssigned(consumerOf("memory-service.chat-inbound"), List.of(FIRST, SECOND));
        assignments.onPartitionsRevoked(consumerOf("memory-service.chat-inbound"), List.of());
        assignments.onPartitionsRevoked(consumerOf("memory-service.chat-inbound"), List.of(SECOND));

        assertThat(announced).containsExactly(new PartitionsRevoked("memory-service.chat-inbound", List.of(SECOND)));
    }

    @Test
    void aRebalanceAfterJoiningDoesNotMakeItUnready() {
        assignments.onPartitionsAssigned(consumerOf("memory-service.chat-inbound"), List.of(FIRST, SECOND));
        assignments.onPartitionsRevoked(consumerOf("memory-service.chat-inbound"), List.of(FIRST, SECOND));

        HealthCheckResponse rebalancing = check.call();
        assertThat(rebalancing.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(rebalancing.getData()).get().asInstanceOf(MAP)
                .containsEntry("chat-inbound", "0 partitions");
    }

    @Test
    void anotherGroupJoiningDoesNotCount() {
        assignments.onPartitionsAssigned(consumerOf("memory-service.chat-outbound"), List.of(FIRST));

        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    private static MockConsumer<String, String> consumerOf(String group) {
        return new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name()) {
            @Override
            public ConsumerGroupMetadata groupMetadata() {
                return new ConsumerGroupMetadata(group);
            }
        };
    }

    /** A service with one consuming channel, configured with its group. */
    private record OneChannel(String channel, String group) implements KafkaClientService {
        @Override
        @SuppressWarnings("unchecked")
        public <K, V> List<KafkaConsumer<K, V>> getConsumers(String name) {
            Map<String, Object> configuration = Map.of("group.id", group);
            Object consumer = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {KafkaConsumer.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("configuration")) {
                            return configuration;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            return name.equals(channel) ? List.of((KafkaConsumer<K, V>) consumer) : List.of();
        }

        @Override
        public <K, V> KafkaProducer<K, V> getProducer(String name) {
            return null;
        }

        @Override
        public Set<String> getConsumerChannels() {
            return Set.of(channel);
        }

        @Override
        public Set<String> getProducerChannels() {
            return Set.of();
        }
    }

    /** Fired events land in {@code fired} (a test double of CDI's event, which has no public implementation). */
    @SuppressWarnings("unchecked")
    private static <T> Event<T> announcedTo(List<T> fired) {
        return (Event<T>) Proxy.newProxyInstance(
                PartitionsReadinessCheckTest.class.getClassLoader(),
                new Class<?>[] {Event.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("fire")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    fired.add((T) args[0]);
                    return null;
                });
    }
}
