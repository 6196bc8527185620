package io.acore.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Something a service reports about its own work (topic {@link Topics#SERVICE_EVENTS}), for analytics:
 * model calls and their outcome, fallbacks taken, errors.
 *
 * @param type           what happened, for example {@link #LLM_COMPLETED}
 * @param conversationId the conversation it happened for, if any
 * @param data           numbers and labels that go with the type (latency, token counts, model)
 * @param stages         the stages of the record the work was for
 */
public record ServiceEvent(int v, String id, String traceId, String service, String type, Severity severity,
        ConversationId conversationId, String detail, Map<String, Object> data, Map<String, Instant> stages)
        implements Event {

    public static final String LLM_COMPLETED = "llm.completed";
    public static final String LLM_FAILED = "llm.failed";
    public static final String MEMORY_FALLBACK = "memory.fallback";
    /** A member's message refused for coming faster than the rate limit allows. */
    public static final String RATE_LIMITED = "message.rate-limited";

    /** How much it matters; analytics counts {@link #ERROR} as an error. */
    public enum Severity {
        INFO, WARN, ERROR;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ServiceEvent {
        Require.version(v);
        Require.text(id, "id");
        Require.text(traceId, "traceId");
        Require.text(service, "service");
        Require.text(type, "type");
        Require.present(severity, "severity");
        data = data == null ? Map.of() : Map.copyOf(data);
        stages = Stage.copyOf(stages);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The record key: the conversation, so that its events keep their order; else the service. */
    public String key() {
        return conversationId == null ? service : conversationId.toString();
    }
}
