package io.acore.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * Which conversation a record belongs to. Its wire form is the Kafka key of every chat record, memory's column
 * and the path of memory's API: {@code discord:<guild>:<channel-or-thread>}, {@code discord:dm:<channel>} for a
 * direct message, {@code web:<session>} for the local web chat. This class is the only place that writes or
 * reads that form.
 *
 * @param guildId   the Discord server; null for direct messages and the web chat
 * @param channelId the Discord channel or thread, or the web chat's session name
 */
public record ConversationId(Platform platform, String guildId, String channelId) {
    private static final String SEPARATOR = ":";
    private static final String DIRECT = "dm";
    private static final int LONGEST_PART = 100;
    private static final int LONGEST_SNOWFLAKE = 20;

    public ConversationId {
        Objects.requireNonNull(platform, "platform");
        requirePart(channelId, "channel");
        if (platform == Platform.WEB && guildId != null) {
            throw new IllegalArgumentException("a web conversation has no guild");
        }
        if (platform == Platform.DISCORD) {
            requireSnowflake(channelId, "channel");
            if (guildId != null) {
                requireSnowflake(guildId, "guild");
            }
        }
    }

    /** A conversation in a Discord server's channel or thread. */
    public static ConversationId discord(String guildId, String channelId) {
        return new ConversationId(Platform.DISCORD, Require.text(guildId, "guild"), channelId);
    }

    /** A direct-message conversation with the bot. */
    public static ConversationId discordDirect(String channelId) {
        return new ConversationId(Platform.DISCORD, null, channelId);
    }

    /** A session of the local web chat. */
    public static ConversationId web(String session) {
        return new ConversationId(Platform.WEB, null, session);
    }

    /** Reads the wire form; an id that is not one says why. */
    @JsonCreator
    public static ConversationId fromString(String wire) {
        String[] parts = Require.text(wire, "conversationId").split(SEPARATOR, -1);
        if (parts.length == 2 && parts[0].equals(Platform.WEB.wireName())) {
            return web(parts[1]);
        }
        if (parts.length == 3 && parts[0].equals(Platform.DISCORD.wireName())) {
            return parts[1].equals(DIRECT) ? discordDirect(parts[2]) : discord(parts[1], parts[2]);
        }
        throw new IllegalArgumentException("'" + wire + "' is not a conversation id (web:<session>, "
                + "discord:<guild>:<channel> or discord:dm:<channel>)");
    }

    /**
     * The community the conversation belongs to: its server ({@code discord:<guild>}) for a server's channels and
     * threads; the conversation itself for a direct message or a web session.
     */
    public String place() {
        return guildId == null ? toString() : platform.wireName() + SEPARATOR + guildId;
    }

    public boolean isDirectMessage() {
        return platform == Platform.DISCORD && guildId == null;
    }

    @JsonValue
    @Override
    public String toString() {
        if (platform == Platform.WEB) {
            return platform.wireName() + SEPARATOR + channelId;
        }
        return platform.wireName() + SEPARATOR + (guildId == null ? DIRECT : guildId) + SEPARATOR + channelId;
    }

    // checked by hand, not by a pattern: memory reads an id for every turn it reads back
    private static void requirePart(String value, String what) {
        if (value == null || !isPart(value)) {
            throw new IllegalArgumentException("a conversation's " + what + " must be 1 to 100 characters without "
                    + "':', spaces or control characters, not '" + value + "'");
        }
    }

    private static boolean isPart(String value) {
        int length = 0;
        for (int i = 0; i < value.length(); i += Character.charCount(value.codePointAt(i))) {
            int c = value.codePointAt(i);
            if (c == ':' || c == ' ' || Character.getType(c) == Character.CONTROL || ++length > LONGEST_PART) {
                return false;
            }
        }
        return length > 0;
    }

    private static void requireSnowflake(String value, String what) {
        boolean digits = !value.isEmpty() && value.length() <= LONGEST_SNOWFLAKE;
        for (int i = 0; digits && i < value.length(); i++) {
            digits = value.charAt(i) >= '0' && value.charAt(i) <= '9';
        }
        if (!digits) {
            throw new IllegalArgumentException("a Discord " + what + " id is a number, not '" + value + "'");
        }
    }
}
