package io.acore.events.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Parsing shared by the wire formats: JSON objects only, and the error messages servers put in them. */
final class WireJson {
    private WireJson() {
    }

    static JsonNode object(ObjectMapper json, String data, String format) {
        try {
            JsonNode node = json.readTree(data);
            if (node == null || !node.isObject()) {
                throw new LlmResponseException("model server sent something that is not a JSON object: " + abbreviate(data));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new LlmResponseException("model server sent something that is not the " + format + " wire format: "
                    + abbreviate(data), e);
        }
    }

    /** The server's own explanation in an error body ({@code {"error": "…"}} or {@code {"error": {"message": …}}}). */
    static String errorMessage(ObjectMapper json, String body) {
        try {
            JsonNode error = json.readTree(body).path("error");
            String message = error.isTextual() ? error.asText() : error.path("message").asText("");
            return message.isEmpty() ? body.strip() : message;
        } catch (IOException notJson) {
            return body.strip();
        }
    }

    static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
