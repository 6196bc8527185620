package io.acore.events;

/** Names of the per-stage timestamps a record collects on its way through the system. */
public final class Stage {
    public static final String GATEWAY_RECEIVED = "gateway.received";
    public static final String GATEWAY_PUBLISHED = "gateway.published";
    public static final String PERSONA_RECEIVED = "persona.received";
    public static final String LLM_FIRST_TOKEN = "llm.first-token";
    public static final String LLM_COMPLETED = "llm.completed";
    public static final String PERSONA_PUBLISHED = "persona.published";
    public static final String GATEWAY_DELIVERED = "gateway.delivered";

    private Stage() {
    }
}
