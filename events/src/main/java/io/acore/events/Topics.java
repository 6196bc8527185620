package io.acore.events;

/** Kafka topic names. Every chat record is keyed by its conversation id. */
public final class Topics {
    public static final String CHAT_INBOUND = "acore.chat.inbound";
    public static final String CHAT_OUTBOUND = "acore.chat.outbound";
    public static final String DELIVERY = "acore.delivery";
    /** Members' edits and deletions of what they wrote ({@link MessageChange}). */
    public static final String CHAT_CHANGES = "acore.chat.changes";
    public static final String SERVICE_EVENTS = "acore.service.events";
    public static final String MEMORY_EVENTS = "acore.memory.events";
    public static final String DEAD_LETTER = "acore.deadletter";

    private Topics() {
    }
}
