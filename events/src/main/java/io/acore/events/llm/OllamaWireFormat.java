package io.acore.events.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Ollama's native API: {@code POST /api/chat}, streamed as one JSON object per line until {@code "done": true}.
 * Unlike its OpenAI-compatible endpoint it takes {@code num_ctx}, so the model's window matches acore's budget.
 */
record OllamaWireFormat(String model, ObjectMapper json) implements WireFormat {
    private static final String NAME = "Ollama";

    @Override
    public String path() {
        return "/api/chat";
    }

    @Override
    public ObjectNode requestBody(List<ChatTurn> messages, CallOptions options, boolean streamed) {
        ObjectNode body = json.createObjectNode().put("model", options.modelOr(model)).put("stream", streamed);
        body.set("messages", json.valueToTree(messages));
        if (options.json()) {
            body.put("format", "json");
        }
        body.putObject("options")
                .put("num_ctx", options.contextTokens())
                .put("num_predict", options.maxTokens())
                .put("temperature", options.temperature());
        return body;
    }

    @Override
    public boolean streams(String contentType, boolean streamed) {
        return streamed || contentType.contains("ndjson");
    }

    @Override
    public Chunk line(String line) {
        if (line.isBlank()) {
            return null;
        }
        JsonNode chunk = WireJson.object(json, line, NAME);
        if (chunk.has("error")) {
            throw new LlmUnavailableException("model server reported an error mid-stream: "
                    + WireJson.errorMessage(json, line), null);
        }
        return new Chunk(chunk.path("message").path("content").asText(""), chunk.path("done").asBoolean(false),
                chunk.path("model").asText(null), chunk.path("prompt_eval_count").asInt(-1),
                chunk.path("eval_count").asInt(-1));
    }

    @Override
    public Chunk whole(String body) {
        return line(body.strip());
    }
}
