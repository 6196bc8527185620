package io.acore.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acore.events.CommandAnswer;
import io.acore.events.ConversationId;
import io.acore.events.Event;
import io.acore.events.EventCodec;
import io.acore.events.MemberCommand;
import io.acore.events.Topics;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.postgres.PostgresResource;
import io.acore.testkit.kafka.KafkaTopics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** {@code /status} as the gateway hands it over: the services' readiness, the model, the messages waiting. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class StatusCommandTest {
    @InjectTestResource
    KafkaTopics topics;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void statusTellsWhichServicesAreDownAndHowManyMessagesPersonaServiceHasNotReadYet() throws Exception {
        RecordMetadata last = null;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 3; i++) {
                last = producer.send(new ProducerRecord<>(Topics.CHAT_INBOUND, "status-lag", "{}")).get();
            }
        }
        TopicPartition partition = new TopicPartition(Topics.CHAT_INBOUND, last.partition());
        try (KafkaConsumer<String, String> persona = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "persona-service.chat-inbound"), new StringDeserializer(),
                new StringDeserializer())) {
            persona.assign(List.of(partition));
            persona.commitSync(Map.of(partition, new OffsetAndMetadata(last.offset() - 1)));
        }
        String id = "status-1";
        MemberCommand status = new MemberCommand(Event.SCHEMA_VERSION, id, id, "token-" + id,
                ConversationId.discord("8001", "1"), "discord:1", Set.of(), "status", Map.of(), null, Map.of());
        topics.send(Topics.ANALYTICS_COMMANDS, "8001", EventCodec.encode(status));

        String answer = await().atMost(Duration.ofSeconds(30)).until(() -> topics.events(Topics.COMMAND_ANSWERS,
                CommandAnswer.class).stream().filter(a -> a.commandId().equals(id)).findFirst(), Optional::isPresent)
                .orElseThrow().text();
        assertThat(answer).contains("gateway **not ready**", "persona **not ready**",
                "Model: unknown (persona-service does not answer)", "Waiting to be answered: 2 messages");
    }
}
