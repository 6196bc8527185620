package io.acore.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "acore")
public interface GatewayConfig {
    Gateway gateway();

    Discord discord();

    interface Gateway {
        /** Longer messages are refused with a reply that says so. */
        @WithDefault("4000")
        int maxMessageLength();

        /** How many turns the web chat shows when a channel is opened. */
        @WithDefault("100")
        int historyLimit();

        /** How many messages one user may send per minute, on Discord and in the web chat together. */
        @WithDefault("10")
        int messagesPerMinute();

        /**
         * The key of the web chat's admin API ({@code /api/admin/commands}, header {@code Authorization: Bearer
         * <key>}): the persona settings Discord's managers have, for the web chat. None: the admin API is closed.
         */
        Optional<String> adminKey();
    }

    interface Discord {
        /** The bot token; without it the Discord adapter stays off and only the web chat runs. */
        Optional<String> token();

        /** Another REST base URL than Discord's (a proxy, or a local fake in tests), ending in {@code /api/v10/}. */
        Optional<String> restUrl();

        /** Another gateway WebSocket URL than Discord's. */
        Optional<String> gatewayUrl();

        /** Into how many shards the bot's Discord session is split, over all gateway replicas together. */
        @WithDefault("1")
        int shardTotal();

        Shards shards();

        /**
         * After a restart, messages written in a server channel while the gateway was not listening are answered
         * if they are at most this old.
         */
        @WithDefault("5m")
        Duration catchUpWindow();

        Posting posting();

        /**
         * How a persona's reply shows on Discord while it is written: {@code edit} posts the text so far and edits it
         * as it grows; {@code typing} shows the persona typing until the whole reply is posted.
         */
        @WithDefault("edit")
        StreamingMode streaming();

        /** How often the streaming messages of one channel may be edited, all personas there together. */
        @WithDefault("1s")
        Duration streamingInterval();
    }

    enum StreamingMode {
        EDIT, TYPING
    }

    /** How the gateway processes share the shards: leases in the database, renewed every heartbeat. */
    interface Shards {
        /** How often each process renews its membership and its shard leases. */
        @WithDefault("1s")
        Duration heartbeat();

        /**
         * How long a lease holds without renewal: a process that died loses its shards this long after its last
         * heartbeat, to the processes still alive.
         */
        @WithDefault("5s")
        Duration leaseTtl();

        /**
         * How far before a shard's previous owner last renewed its lease the new owner looks for replies still
         * undelivered: those the previous owner had read but not yet posted when it died.
         */
        @WithDefault("15m")
        Duration takeoverLookback();
    }

    interface Posting {
        /** How often a reply is tried on Discord before it is reported as a failed delivery. */
        @WithDefault("8")
        int attempts();

        /** How long a replica's claim on a reply it is posting holds before another may take the reply over. */
        @WithDefault("2m")
        Duration claimLease();

        /**
         * How long the record of a reply posted (or given up on) is kept: longer than the broker keeps the reply,
         * so that a reply it delivers again is recognised as posted.
         */
        @WithDefault("8d")
        Duration recordsKept();

        /** Replies being posted at once; more pause the consumer until one is done. */
        @WithDefault("256")
        int maxInFlight();
    }
}
