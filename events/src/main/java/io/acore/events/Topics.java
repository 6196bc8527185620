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
    /** Slash commands persona-service runs ({@link MemberCommand}), keyed by server. */
    public static final String PERSONA_COMMANDS = "acore.persona.commands";
    /** Slash commands analytics-service runs ({@link MemberCommand}: {@code /status}), keyed by server. */
    public static final String ANALYTICS_COMMANDS = "acore.analytics.commands";
    /** Answers to slash commands run by a service other than the gateway ({@link CommandAnswer}). */
    public static final String COMMAND_ANSWERS = "acore.command.answers";
    /** A server's persona settings changed ({@link SettingsChange}). */
    public static final String PERSONA_SETTINGS = "acore.persona.settings";
    public static final String DEAD_LETTER = "acore.deadletter";

    private Topics() {
    }
}
