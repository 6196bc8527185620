package io.acore.events;

import java.time.Instant;
import java.util.Map;

/**
 * Something a service reports about its own work (topic {@link Topics#SERVICE_EVENTS}), for analytics:
 * model calls and their outcome, fallbacks taken, errors.
 *
 * @param type     what happened, for example {@link #LLM_COMPLETED}
 * @param severity {@link #INFO}, {@link #WARN} or {@link #ERROR}
 * @param data     numbers and labels that go with the type (latency, token counts, model)
 */
public record ServiceEvent(int v, String id, String traceId, String service, String type, String severity,
        String conversationId, String detail, Map<String, Object> data, Map<String, Instant> stages)
        implements Event {

    public static final String INFO = "info";
    public static final String WARN = "warn";
    public static final String ERROR = "error";

    public static final String LLM_COMPLETED = "llm.completed";
    public static final String LLM_FAILED = "llm.failed";
    public static final String MEMORY_FALLBACK = "memory.fallback";

    public ServiceEvent {
        Require.version(v);
        Require.text(id, "id");
        Require.text(traceId, "traceId");
        Require.text(service, "service");
        Require.text(type, "type");
        Require.text(severity, "severity");
        data = data == null ? Map.of() : Map.copyOf(data);
        stages = Stages.orEmpty(stages);
    }

    public boolean isError() {
        return ERROR.equals(severity);
    }
}
