package io.acore.persona.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acore.persona.config.LlmConfig;
import java.util.List;

/**
 * Ollama's native API: {@code POST /api/chat}, streamed as one JSON object per line until {@code "done": true}.
 * Unlike its OpenAI-compatible endpoint it takes {@code num_ctx}, so the model's window matches acore's budget.
 */
record OllamaWireFormat(LlmConfig config, String model, ObjectMapper json) implements WireFormat {
    private static final String NAME = "Ollama";

    @Override
    public String path() {
        return "/api/chat";
    }

    @Override
    public ObjectNode requestBody(List<ChatTurn> messages) {
        ObjectNode body = json.createObjectNode().put("model", model).put("stream", true);
        body.set("messages", json.valueToTree(messages));
        body.putObject("options")
                .put("num_ctx", config.contextTokens())
                .put("num_predict", config.maxTokens())
                .put("temperature", config.temperature());
        return body;
    }

    @Override
    public boolean streams(String contentType) {
        return true; // a whole answer is just one line with "done": true
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
