package io.acore.memory.client;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The JSON object in a thinking model's answer, read leniently, since models write JSON loosely: text or a code
 * fence around the object, single quotes, unquoted names, trailing commas, comments.
 */
public final class JsonAnswers {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES,
                    JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    private JsonAnswers() {
    }

    /** The object from the answer's first "{" to its last "}"; a missing node when there is none. */
    public static JsonNode object(String answer) {
        int open = answer.indexOf('{');
        int close = answer.lastIndexOf('}');
        if (open < 0 || close < open) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(answer.substring(open, close + 1));
        } catch (Exception notJson) {
            return MissingNode.getInstance();
        }
    }
}
