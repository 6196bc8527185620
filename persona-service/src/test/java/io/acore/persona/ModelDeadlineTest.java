package io.acore.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acore.events.ChatMessage;
import io.acore.events.Reply;
import io.acore.events.ReplyKind;
import io.acore.events.Topics;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.OwnResourcesProfile;
import io.acore.testkit.TestEvents;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.kafka.KafkaTopics;
import io.acore.testkit.model.ModelScript;
import io.acore.testkit.model.StubModelResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ModelDeadlineTest.WithAShortModelTimeout.class)
class ModelDeadlineTest {
    public static class WithAShortModelTimeout extends OwnResourcesProfile {
        public WithAShortModelTimeout() {
            super(KafkaResource.class, StubModelResource.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("acore.llm.timeout", "1s");
        }
    }

    @InjectTestResource
    KafkaTopics topics;

    @InjectTestResource
    ModelScript model;

    @Test
    void aStalledModelHasOneDeadlineForTheWholeCallRetriesIncluded() {
        model.stallNext(3, Duration.ofSeconds(4));
        ChatMessage message = TestEvents.webMessage("stalled", "hal", "Sable, are you there?");
        topics.send(Topics.CHAT_INBOUND, message);

        Reply reply = await().atMost(Duration.ofSeconds(20)).until(() -> topics.events(Topics.CHAT_OUTBOUND, Reply.class)
                .stream().filter(r -> r.inReplyTo().equals(message.id()) && r.isFinal()).findFirst(), Optional::isPresent)
                .orElseThrow();
        assertThat(reply.kind()).isEqualTo(ReplyKind.NOTICE);
        assertThat(model.requests()).as("no second attempt once the time is spent")
                .filteredOn(request -> request.toString().contains("are you there?")).hasSize(1);
    }
}
