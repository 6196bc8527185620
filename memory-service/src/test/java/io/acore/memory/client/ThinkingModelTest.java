package io.acore.memory.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acore.devstack.StubLlmServer;
import io.acore.events.llm.LlmUnavailableException;
import io.acore.memory.config.ThinkingConfig;
import io.acore.testkit.model.ModelScript;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The thinking model over both wire formats, with settings read the way the service reads them (the
 * {@code acore.llm} mapping persona-service reads too), outside Quarkus (so without retries or circuit breakers).
 */
class ThinkingModelTest {
    private static final ModelScript SCRIPT = new ModelScript();
    private static final String EXTRACT = StubLlmServer.EXTRACT_FACTS + " Answer with JSON only.";
    private static StubLlmServer stub;
    private ThinkingModel thinking;

    @BeforeAll
    static void start() throws Exception {
        stub = StubLlmServer.start(0, Duration.ZERO, SCRIPT);
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @BeforeEach
    void noScriptedFailure() {
        SCRIPT.failModel("");
    }

    private static ThinkingModel model(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("acore.llm.base-url", stub.baseUrl(),
                "acore.llm.model", StubLlmServer.MODEL, "acore.llm.context-tokens", "8192"));
        all.putAll(settings);
        ThinkingConfig config = new SmallRyeConfigBuilder().withMapping(ThinkingConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(all, "test", 100)).build()
                .getConfigMapping(ThinkingConfig.class);
        return new ThinkingModel(config, new ObjectMapper(), new SimpleMeterRegistry());
    }

    private static JsonNode lastRequest() {
        List<JsonNode> requests = SCRIPT.requests();
        return requests.get(requests.size() - 1);
    }

    @Test
    void factsAreAskedForAsAJsonObjectInOnePieceWithTheChatModelsContextWindow() {
        thinking = model(Map.of("acore.llm.api", "ollama", "acore.llm.base-url", stub.baseUrl().replace("/v1", "")));
        String answer = thinking.facts(EXTRACT, "Speaker: noa\nMessage: I live in Oslo.");

        assertThat(answer).contains("\"facts\"").contains("lives in Oslo");
        JsonNode request = lastRequest();
        assertThat(request.path("format").asText()).isEqualTo("json");
        assertThat(request.path("stream").asBoolean(true)).isFalse();
        assertThat(request.path("options").path("num_ctx").asInt()).as("the window replies are asked with")
                .isEqualTo(8192);
        assertThat(request.path("options").path("num_predict").asInt()).isEqualTo(1000);
    }

    @Test
    void summariesAreAskedForAsAJsonObjectAndAnotherModelCanBeNamedForTheBackgroundWork() {
        thinking = model(Map.of("acore.llm.thinking.model", "small-model"));
        SCRIPT.failModel("small-model");
        assertThatThrownBy(() -> thinking.summary(StubLlmServer.SUMMARISE, "On 2026-01-01:\nnoa: hello"))
                .isInstanceOf(LlmUnavailableException.class).hasMessageContaining("HTTP 500");
        JsonNode request = lastRequest();
        assertThat(request.path("model").asText()).isEqualTo("small-model");
        assertThat(request.path("response_format").path("type").asText()).isEqualTo("json_object");
        assertThat(request.path("stream").asBoolean(true)).isFalse();

        SCRIPT.failModel("");
        assertThat(thinking.summary(StubLlmServer.SUMMARISE, "On 2026-01-01:\nnoa: hello")).contains("Summary.");
    }

    @Test
    void theFallbackModelAnswersWhileTheMainOneIsUnavailable() {
        thinking = model(Map.of("acore.llm.fallback.model", "backup-model"));
        SCRIPT.failModel(StubLlmServer.MODEL);
        String answer = thinking.facts(EXTRACT, "Speaker: noa\nMessage: My name is Noa.");

        assertThat(answer).contains("is called Noa");
        assertThat(lastRequest().path("model").asText()).isEqualTo("backup-model");
        assertThat(lastRequest().path("response_format").path("type").asText()).isEqualTo("json_object");
    }

    @AfterEach
    void stopClient() {
        if (thinking != null) {
            thinking.stop();
        }
    }
}
