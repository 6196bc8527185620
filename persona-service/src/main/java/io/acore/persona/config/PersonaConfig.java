package io.acore.persona.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "acore.persona")
public interface PersonaConfig {
    /** A folder of extra character cards (*.json) loaded at start-up, next to the built-in ones. */
    Optional<String> cardsDir();

    /**
     * The public address under which persona-service's {@code /avatars} is reachable from outside (an ingress path or
     * a reverse proxy; nothing else of the service needs to be): a card's picture (a PNG card's image, a CharX card's
     * icon) is then its persona's avatar on Discord. Unset: only a card's own {@code avatar_url} is used.
     */
    Optional<String> avatarBaseUrl();

    /** The persona that answers when a message names none and its channel has no default of its own. */
    @WithDefault("sable")
    String defaultPersona();

    /**
     * Per-channel defaults as {@code conversationId=personaId} pairs, for example
     * {@code web:library=quill,discord:123:456=marlow}.
     */
    Optional<List<String>> channelDefaults();

    /**
     * Which personas live in a channel, as {@code conversationId=personaId|personaId} entries, for example
     * {@code discord:123:456=sable|marlow}; channels not listed have every persona.
     */
    Optional<List<String>> channelPersonas();

    /** Author ids (e.g. {@code discord:123}) whose messages no persona answers. */
    Optional<List<String>> ignoredUsers();

    /** Messages starting with one of these are commands for other bots, not chat. */
    @WithDefault("!")
    List<String> commandPrefixes();

    /**
     * After a user names a persona, that persona keeps answering the user's unaddressed messages in the channel
     * for this long, counted from when it was named (answering does not extend it).
     */
    @WithDefault("5m")
    Duration stickyWindow();

    /**
     * How long who answered each message, and who a member called on, are kept: longer than the broker keeps its
     * records (7 days by default), so that a message it can still deliver again is decided as it was the first time.
     */
    @WithDefault("8d")
    Duration decisionsKept();

    /**
     * How many messages persona-service holds at once, across all conversations: being answered, waiting for a place
     * among the model's calls ({@code acore.llm.concurrency}), or waiting for their conversation's earlier message.
     * When full, no more records are fetched.
     */
    @WithDefault("512")
    int maxConcurrentReplies();

    /**
     * When a partition of chat messages moves to another replica, how long the move waits for the replies this one
     * is writing for it, so that the other does not write them too (longer: the other may, under the same ids).
     */
    @WithDefault("60s")
    Duration handOverWait();

    /** How many recent turns of the conversation go into the prompt. */
    @WithDefault("20")
    int historyTurns();

    /** How often a streaming reply is published as a partial update. */
    @WithDefault("400ms")
    Duration partialInterval();

    /**
     * While the model is unreachable, how long a message waits for it to come back once its conversation was told
     * (the first message of a conversation waits only a few seconds before it gets its notice).
     */
    @WithDefault("2m")
    Duration modelOutageWait();

    /** After telling a conversation the model is unreachable, stay quiet about it this long. */
    @WithDefault("60s")
    Duration noticeCooldown();

    /**
     * The hosts a card given with {@code /persona import} may be fetched from (Discord's file servers); a URL
     * elsewhere is refused, so a command cannot make this service fetch from inside the network.
     */
    @WithDefault("cdn.discordapp.com,media.discordapp.net")
    List<String> attachmentHosts();

    /** Personas answering each other in the channels where that is on. */
    Banter banter();

    interface Banter {
        /**
         * Channels where personas answer each other from the start, as conversation ids (for example the web chat's
         * {@code web:lounge}); in Discord, {@code /persona banter} turns it on and off per channel.
         */
        Optional<List<String>> channels();

        /** The least time a persona waits before it answers another: at least 5 s. */
        @WithDefault("8s")
        Duration pause();

        /** The chance that a persona answers another's line when their affinity is 0. */
        @WithDefault("0.05")
        double chanceAtNoAffinity();

        /** The chance when their affinity is 100; in between it grows with affinity. Each hop halves it. */
        @WithDefault("0.20")
        double chanceAtFullAffinity();

        /** The most lines personas say to each other in a channel within {@link #window()}. */
        @WithDefault("6")
        int longestChain();

        @WithDefault("10m")
        Duration window();
    }
}
