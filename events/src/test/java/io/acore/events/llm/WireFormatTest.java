package io.acore.events.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each wire format asks for, streamed or whole, free text or JSON, and how it reads a whole answer. */
class WireFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<ChatTurn> PROMPT = List.of(ChatTurn.system("Find facts."), ChatTurn.user("I live in Oslo."));
    private static final CallOptions REPLY = new CallOptions(400, 4096, 0.8, false);
    private static final CallOptions FACTS = new CallOptions(1000, 4096, 0.2, true);

    @Test
    void openAiStreamsRepliesAndAsksForAJsonObjectWhenTold() {
        OpenAiWireFormat format = new OpenAiWireFormat("m", JSON);
        ObjectNode reply = format.requestBody(PROMPT, REPLY, true);
        assertThat(reply.path("stream").asBoolean()).isTrue();
        assertThat(reply.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(reply.has("response_format")).isFalse();

        ObjectNode facts = format.requestBody(PROMPT, FACTS, false);
        assertThat(facts.path("stream").asBoolean(true)).isFalse();
        assertThat(facts.has("stream_options")).isFalse();
        assertThat(facts.path("response_format").path("type").asText()).isEqualTo("json_object");
        assertThat(facts.path("max_tokens").asInt()).isEqualTo(1000);
        assertThat(facts.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(facts.path("messages").path(1).path("content").asText()).isEqualTo("I live in Oslo.");
    }

    @Test
    void ollamaSendsTheSameContextWindowForEveryKindOfCall() {
        OllamaWireFormat format = new OllamaWireFormat("m", JSON);
        ObjectNode reply = format.requestBody(PROMPT, REPLY, true);
        ObjectNode facts = format.requestBody(PROMPT, FACTS, false);
        assertThat(reply.path("options").path("num_ctx").asInt()).isEqualTo(4096);
        assertThat(facts.path("options").path("num_ctx").asInt()).isEqualTo(4096);
        assertThat(reply.has("format")).isFalse();
        assertThat(facts.path("format").asText()).isEqualTo("json");
        assertThat(facts.path("stream").asBoolean(true)).isFalse();
        assertThat(facts.path("options").path("num_predict").asInt()).isEqualTo(1000);
    }

    @Test
    void aWholeAnswerIsReadWithItsUsageOrRefusedWhenItIsNotTheFormat() {
        Chunk openAi = new OpenAiWireFormat("m", JSON).whole("{\"model\":\"x\",\"choices\":[{\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"{\\\"facts\\\":[]}\"}}],\"usage\":{\"prompt_tokens\":12,"
                + "\"completion_tokens\":4}}");
        assertThat(openAi.text()).isEqualTo("{\"facts\":[]}");
        assertThat(openAi.promptTokens()).isEqualTo(12);
        Chunk ollama = new OllamaWireFormat("m", JSON).whole("{\"model\":\"m\",\"message\":{\"content\":\"Hi\"},"
                + "\"done\":true,\"eval_count\":2}\n");
        assertThat(ollama.text()).isEqualTo("Hi");
        assertThat(ollama.completionTokens()).isEqualTo(2);
        assertThatThrownBy(() -> new OpenAiWireFormat("m", JSON).whole("{\"choices\":[]}"))
                .isInstanceOf(LlmResponseException.class).hasMessageContaining("choices[0].message.content");
    }

    @Test
    void aStreamedAnswerIsReadAsOneEvenWhenAWholeOneWasAskedFor() {
        assertThat(new OpenAiWireFormat("m", JSON).streams("text/event-stream; charset=utf-8", false)).isTrue();
        assertThat(new OpenAiWireFormat("m", JSON).streams("application/json", true)).isFalse();
        assertThat(new OllamaWireFormat("m", JSON).streams("application/x-ndjson", false)).isTrue();
        assertThat(new OllamaWireFormat("m", JSON).streams("application/json; charset=utf-8", false)).isFalse();
    }
}
