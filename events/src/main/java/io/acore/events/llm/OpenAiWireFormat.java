package io.acore.events.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * OpenAI-compatible servers (vLLM, llama.cpp, LM Studio, OpenRouter, Ollama's {@code /v1}):
 * {@code POST /chat/completions}, streamed as server-sent events ending in {@code [DONE]}, or answered whole.
 */
record OpenAiWireFormat(String model, ObjectMapper json) implements WireFormat {
    private static final String NAME = "OpenAI";

    @Override
    public String path() {
        return "/chat/completions";
    }

    @Override
    public ObjectNode requestBody(List<ChatTurn> messages, CallOptions options, boolean streamed) {
        ObjectNode body = json.createObjectNode()
                .put("model", options.modelOr(model))
                .put("stream", streamed)
                .put("max_tokens", options.maxTokens())
                .put("temperature", options.temperature());
        body.set("messages", json.valueToTree(messages));
        if (streamed) {
            body.putObject("stream_options").put("include_usage", true);
        }
        if (options.json()) {
            body.putObject("response_format").put("type", "json_object");
        }
        return body;
    }

    @Override
    public boolean streams(String contentType, boolean streamed) {
        return contentType.startsWith("text/event-stream");
    }

    @Override
    public Chunk line(String line) {
        if (!line.startsWith("data:")) {
            return null; // blank separators, ":" keep-alive comments, event/id fields
        }
        String data = line.substring(5).strip();
        if ("[DONE]".equals(data)) {
            return Chunk.DONE;
        }
        JsonNode chunk = WireJson.object(json, data, NAME);
        if (chunk.has("error")) {
            throw new LlmUnavailableException("model server reported an error mid-stream: "
                    + WireJson.errorMessage(json, data), null);
        }
        JsonNode usage = chunk.path("usage");
        return new Chunk(chunk.path("choices").path(0).path("delta").path("content").asText(""), false,
                chunk.path("model").asText(null), usage.path("prompt_tokens").asInt(-1),
                usage.path("completion_tokens").asInt(-1));
    }

    @Override
    public Chunk whole(String body) {
        JsonNode completion = WireJson.object(json, body, NAME);
        JsonNode content = completion.path("choices").path(0).path("message").path("content");
        if (!content.isTextual()) {
            throw new LlmResponseException("model server answer has no choices[0].message.content");
        }
        JsonNode usage = completion.path("usage");
        return new Chunk(content.asText(), true, completion.path("model").asText(null),
                usage.path("prompt_tokens").asInt(-1), usage.path("completion_tokens").asInt(-1));
    }
}
