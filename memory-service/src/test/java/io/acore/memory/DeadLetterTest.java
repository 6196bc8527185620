package io.acore.memory;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;

import io.acore.devstack.quarkus.KafkaTestResource;
import io.acore.devstack.quarkus.PostgresTestResource;
import io.acore.devstack.quarkus.TestEvents;
import io.acore.devstack.quarkus.TestProducer;
import io.acore.devstack.quarkus.TopicWatcher;
import io.acore.events.ChatMessage;
import io.acore.events.EventCodec;
import io.acore.events.Topics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class DeadLetterTest {

    @ParameterizedTest
    @ValueSource(strings = {Topics.CHAT_INBOUND, Topics.CHAT_OUTBOUND})
    void malformedRecordGoesToTheDeadLetterTopicAndTheNextOneIsStored(String topic) throws Exception {
        String poisonKey = "poison-" + topic;
        try (TopicWatcher deadLetters = new TopicWatcher(KafkaTestResource.bootstrapServers(), Topics.DEAD_LETTER);
                TestProducer producer = new TestProducer(KafkaTestResource.bootstrapServers())) {
            producer.send(topic, poisonKey, "{\"v\":1,\"id\":\"no-conversation\"");
            ChatMessage good = TestEvents.webMessage("after-poison-" + topic, "cy", "still here");
            producer.send(Topics.CHAT_INBOUND, good.conversationId(), EventCodec.encode(good));

            await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters.records().stream()
                    .anyMatch(r -> poisonKey.equals(r.key()) && reason(r).contains("not a valid")));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                    .get("/api/conversations/{id}/messages", good.conversationId())
                    .then().statusCode(200).body("$", hasSize(1)));
        }
    }

    private static String reason(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader("dead-letter-reason");
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
