package io.acore.memory;

import static io.acore.memory.ServiceCalls.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;

import io.acore.events.ChatMessage;
import io.acore.events.Topics;
import io.acore.events.kafka.DeadLetterConsumerGroup;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.TestEvents;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.kafka.KafkaTopics;
import io.acore.testkit.postgres.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class DeadLetterTest {
    @InjectTestResource
    KafkaTopics topics;

    @ParameterizedTest
    @ValueSource(strings = {Topics.CHAT_INBOUND, Topics.CHAT_OUTBOUND})
    void malformedRecordGoesToTheDeadLetterTopicAndTheNextOneIsStored(String topic) {
        String poisonKey = "poison-" + topic;
        topics.send(topic, poisonKey, "{\"v\":1,\"id\":\"no-conversation\"");
        ChatMessage good = TestEvents.webMessage("after-poison-" + topic, "cy", "still here");
        topics.send(Topics.CHAT_INBOUND, good);

        await().atMost(Duration.ofSeconds(20)).until(() -> topics.records(Topics.DEAD_LETTER).stream()
                .anyMatch(r -> poisonKey.equals(r.key())
                        && KafkaTopics.deadLetterReason(r).contains("not a valid")
                        && KafkaTopics.deadLetterHeader(r, "dead-letter-topic").equals(topic)
                        && KafkaTopics.deadLetterHeader(r, DeadLetterConsumerGroup.HEADER)
                                .equals("memory-service." + (topic.equals(Topics.CHAT_INBOUND)
                                        ? "chat-inbound" : "chat-outbound"))));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/conversations/{id}/messages", good.conversationId().toString())
                .then().statusCode(200).body("$", hasSize(1)));
    }

    @Test
    void aMalformedRecordAmongGoodOnesTakesOnlyItselfToTheDeadLetterTopic() {
        ChatMessage before = TestEvents.webMessage("batch-with-poison", "dee", "first");
        ChatMessage after = TestEvents.webMessage("batch-with-poison", "dee", "second");
        String key = before.conversationId().toString();
        topics.send(Topics.CHAT_INBOUND, before);
        topics.send(Topics.CHAT_INBOUND, key, "not json at all");
        topics.send(Topics.CHAT_INBOUND, after);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/conversations/{id}/messages", key)
                .then().statusCode(200).body("content", contains("first", "second")));
        await().atMost(Duration.ofSeconds(20)).until(() -> topics.records(Topics.DEAD_LETTER).stream()
                .filter(r -> key.equals(r.key())).count() == 1);
    }
}
