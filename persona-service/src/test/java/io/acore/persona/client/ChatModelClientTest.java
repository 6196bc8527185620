package io.acore.persona.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acore.devstack.StubLlmServer;
import io.acore.events.llm.ChatTurn;
import io.acore.events.llm.Completion;
import io.acore.events.llm.LlmDeadlineException;
import io.acore.events.llm.LlmResponseException;
import io.acore.events.llm.LlmSettings.Api;
import io.acore.events.llm.LlmUnavailableException;
import io.acore.persona.config.TestLlmConfig;
import io.acore.testkit.model.ModelScript;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Both wire formats against the stub server, outside Quarkus (so without retries or circuit breaker). */
class ChatModelClientTest {
    private static final List<ChatTurn> PROMPT = List.of(ChatTurn.system("You are Sable."),
            ChatTurn.assistant("Evening."), ChatTurn.user("ada: is the lamp lit?"));
    private static final ModelScript SCRIPT = new ModelScript();
    private static StubLlmServer stub;
    private static StubLlmServer slowStub;

    @BeforeAll
    static void start() throws Exception {
        stub = StubLlmServer.start(0, Duration.ZERO, SCRIPT);
        slowStub = StubLlmServer.start(0, Duration.ofSeconds(3));
    }

    @AfterAll
    static void stop() {
        stub.close();
        slowStub.close();
    }

    private static ChatModelClient client(Api api, StubLlmServer server, Duration timeout) {
        String base = api == Api.OPENAI ? server.baseUrl() : server.baseUrl().replace("/v1", "");
        return new ChatModelClient(TestLlmConfig.of(api, base, timeout), new ObjectMapper());
    }

    private static Completion complete(ChatModelClient client, Consumer<String> textSoFar) {
        return client.complete(PROMPT, ModelTuning.NONE, textSoFar, client.deadlineFromNow());
    }

    @Test
    void streamsFromAnOpenAiCompatibleServer() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Completion completion = complete(client(Api.OPENAI, stub, Duration.ofSeconds(10)), seen::add);

        assertThat(completion.text()).isEqualTo(StubLlmServer.MARK
                + " I heard: \"ada: is the lamp lit?\" (1 earlier turns in context)");
        assertThat(seen).hasSizeGreaterThan(3).last().isEqualTo(completion.text());
        assertThat(seen.get(0)).isEqualTo("[stub");
        assertThat(completion.model()).isEqualTo("acore-stub");
    }

    @Test
    void streamsFromOllamaNativeWithTheContextWindowSet() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Completion completion = complete(client(Api.OLLAMA, stub, Duration.ofSeconds(10)), seen::add);

        assertThat(completion.text()).startsWith(StubLlmServer.MARK).contains("is the lamp lit?");
        assertThat(seen).hasSizeGreaterThan(3).last().isEqualTo(completion.text());
        assertThat(completion.promptTokens()).isEqualTo(3);
        assertThat(completion.completionTokens()).isPositive();
        assertThat(SCRIPT.requests()).anySatisfy(r -> assertThat(r.path("options").path("num_ctx").asInt()).isEqualTo(2048));
    }

    @Test
    void serverErrorsAndGarbageAreTypedFailures() {
        SCRIPT.failNext(1);
        assertThatThrownBy(() -> complete(client(Api.OPENAI, stub, Duration.ofSeconds(10)), t -> { }))
                .isInstanceOf(LlmUnavailableException.class).hasMessageContaining("HTTP 500");
        SCRIPT.garbageNext(1);
        assertThatThrownBy(() -> complete(client(Api.OPENAI, stub, Duration.ofSeconds(10)), t -> { }))
                .isInstanceOf(LlmResponseException.class).hasMessageContaining("not the OpenAI wire format");
        SCRIPT.garbageNext(1);
        assertThatThrownBy(() -> complete(client(Api.OLLAMA, stub, Duration.ofSeconds(10)), t -> { }))
                .isInstanceOf(LlmResponseException.class).hasMessageContaining("not the Ollama wire format");
    }

    @Test
    void aSlowModelRunsIntoTheDeadline() {
        assertThatThrownBy(() -> complete(client(Api.OPENAI, slowStub, Duration.ofMillis(500)), t -> { }))
                .isInstanceOf(LlmDeadlineException.class).hasMessageContaining("did not finish");
    }

    @Test
    void anUnreachableServerIsUnavailable() {
        ChatModelClient nowhere = new ChatModelClient(TestLlmConfig.of(Api.OPENAI, "http://localhost:1/v1",
                Duration.ofSeconds(2)), new ObjectMapper());
        assertThatThrownBy(() -> complete(nowhere, t -> { })).isInstanceOf(LlmUnavailableException.class)
                .hasMessageContaining("unreachable");
    }
}
