package io.acore.testkit.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What Discord refuses, with the status, code and body Discord answers: a message over 2,000 characters or with
 * nothing in it, a webhook or webhook user name it does not allow, a sixteenth webhook in a channel, and things that
 * are not there (a deleted webhook, a message that is not the webhook's).
 */
final class DiscordRules {
    static final int MAX_CONTENT = 2_000;
    static final int MAX_WEBHOOKS_PER_CHANNEL = 15;
    static final int MAX_NAME = 80;
    /** A message's {@code nonce}: an integer or a string of at most 25 characters. */
    static final int MAX_NONCE = 25;
    /** How long a nonce sent with {@code enforce_nonce} stands for the message it created ("the past few minutes"). */
    static final Duration NONCE_KEPT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A refusal: the HTTP status and Discord's error body. */
    record Refusal(int status, ObjectNode body) {
    }

    private DiscordRules() {
    }

    /** Whether a message's {@code content} may be posted (or be a message's new text). */
    static Optional<Refusal> nonce(JsonNode request) {
        JsonNode nonce = request.path("nonce");
        if (nonce.isTextual() && nonce.asText().length() > MAX_NONCE) {
            return Optional.of(invalidField("nonce", "BASE_TYPE_MAX_LENGTH",
                    "Must be " + MAX_NONCE + " or fewer in length."));
        }
        return Optional.empty();
    }

    static Optional<Refusal> content(JsonNode request) {
        String content = request.path("content").asText("");
        if (content.length() > MAX_CONTENT) {
            return Optional.of(invalidField("content", "BASE_TYPE_MAX_LENGTH",
                    "Must be " + MAX_CONTENT + " or fewer in length."));
        }
        if (content.isBlank() && request.path("embeds").isEmpty() && !request.has("attachments")) {
            return Optional.of(new Refusal(400, error(50006, "Cannot send an empty message")));
        }
        return Optional.empty();
    }

    /**
     * Whether a webhook's name, or the name a webhook message is shown under, is allowed: 1 to 80 characters, not
     * "everyone" or "here", and without "clyde" or "discord" in it.
     */
    static Optional<Refusal> name(String field, String name) {
        if (name == null) {
            return Optional.empty();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (name.isBlank() || name.length() > MAX_NAME) {
            return Optional.of(invalidField(field, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 80 in length."));
        }
        if (lower.contains("clyde") || lower.contains("discord") || lower.equals("everyone") || lower.equals("here")) {
            return Optional.of(invalidField(field, "USERNAME_INVALID_CONTAINS", "Username cannot contain \"" + name
                    + "\""));
        }
        return Optional.empty();
    }

    static Refusal tooManyWebhooks() {
        return new Refusal(400, error(30007, "Maximum number of webhooks reached (" + MAX_WEBHOOKS_PER_CHANNEL + ")"));
    }

    static Refusal unknownWebhook() {
        return new Refusal(404, error(10015, "Unknown Webhook"));
    }

    static Refusal unknownChannel() {
        return new Refusal(404, error(10003, "Unknown Channel"));
    }

    static Refusal wrongChannelType() {
        return new Refusal(400, error(50024, "Cannot execute action on this channel type"));
    }

    static Refusal unknownMessage() {
        return new Refusal(404, error(10008, "Unknown Message"));
    }

    static Refusal notTheAuthor() {
        return new Refusal(403, error(50005, "Cannot edit a message authored by another user"));
    }

    private static Refusal invalidField(String field, String code, String message) {
        ObjectNode body = error(50035, "Invalid Form Body");
        body.putObject("errors").putObject(field).putArray("_errors").addObject().put("code", code)
                .put("message", message);
        return new Refusal(400, body);
    }

    private static ObjectNode error(int code, String message) {
        return JSON.createObjectNode().put("message", message).put("code", code);
    }
}
