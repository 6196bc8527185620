package io.acore.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acore.events.llm.ChatTurn;
import io.acore.events.llm.LlmDeadlineException;
import io.acore.persona.client.ChatModelClient;
import io.acore.persona.client.ModelTuning;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.OwnResourcesProfile;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.model.ModelScript;
import io.acore.testkit.model.StubModelResource;
import io.acore.testkit.postgres.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ModelDeadlineTest.WithAShortModelTimeout.class)
class ModelDeadlineTest {
    public static class WithAShortModelTimeout extends OwnResourcesProfile {
        public WithAShortModelTimeout() {
            super(KafkaResource.class, PostgresResource.class, StubModelResource.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("acore.llm.timeout", "1s");
        }
    }

    @Inject
    ChatModelClient llm;

    @InjectTestResource
    ModelScript model;

    @Test
    void aStalledModelHasOneDeadlineForTheWholeCallRetriesIncluded() {
        model.stallNext(3, Duration.ofSeconds(4));
        int before = model.requests().size();

        assertThatThrownBy(() -> llm.complete(List.of(ChatTurn.user("ada: are you there?")), ModelTuning.NONE, text -> { },
                llm.deadlineFromNow())).isInstanceOf(LlmDeadlineException.class);
        assertThat(model.requests()).as("no second attempt once the call's time is spent").hasSize(before + 1);
    }
}
