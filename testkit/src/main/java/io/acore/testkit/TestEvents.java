package io.acore.testkit;

import io.acore.events.Author;
import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.events.Event;
import io.acore.events.EventCodec;
import io.acore.events.PersonaRef;
import io.acore.events.Platform;
import io.acore.events.Reply;
import io.acore.events.ReplyKind;
import io.acore.events.Stage;
import java.time.Instant;

/** Well-formed records for tests that feed a service through its topics. */
public final class TestEvents {
    private TestEvents() {
    }

    public static ChatMessage webMessage(String channel, String user, String content) {
        return new ChatMessage(Event.SCHEMA_VERSION, EventCodec.newId(), EventCodec.newId(), ConversationId.web(channel),
                Platform.WEB, channel, new Author(Platform.WEB.userId(user), user, false), content, null, null, false,
                null, Stage.GATEWAY_RECEIVED.first(Instant.now()));
    }

    /** A message in a Discord conversation (a server's channel, or a DM) by the user with this Discord id. */
    public static ChatMessage discordMessage(ConversationId conversation, String userId, String name, String content) {
        return new ChatMessage(Event.SCHEMA_VERSION, EventCodec.newId(), EventCodec.newId(), conversation,
                Platform.DISCORD, conversation.channelId(), new Author(Platform.DISCORD.userId(userId), name, false),
                content, null, null, false, null, Stage.GATEWAY_RECEIVED.first(Instant.now()));
    }

    /** The same message, written at {@code at} (as the gateway stamps it: the time memory keeps). */
    public static ChatMessage writtenAt(Instant at, ChatMessage message) {
        return new ChatMessage(message.v(), message.id(), message.traceId(), message.conversationId(), message.source(),
                message.channelId(), message.author(), message.content(), message.replyTo(), message.replyToAuthor(),
                message.mentionsBot(), message.restrictedTo(), Stage.GATEWAY_RECEIVED.first(at));
    }

    /** The same message from a channel only some of the server can read ({@link ChatMessage#restrictedTo}). */
    public static ChatMessage restrictedTo(String channelId, ChatMessage message) {
        return new ChatMessage(message.v(), message.id(), message.traceId(), message.conversationId(), message.source(),
                message.channelId(), message.author(), message.content(), message.replyTo(), message.replyToAuthor(),
                message.mentionsBot(), channelId, message.stages());
    }

    public static Reply finalReply(ChatMessage answered, String personaId, String personaName, String content) {
        return new Reply(Event.SCHEMA_VERSION, EventCodec.newId(), answered.traceId(), answered.conversationId(),
                answered.channelId(), answered.id(), new PersonaRef(personaId, personaName, null), ReplyKind.PERSONA,
                content, 1, false, answered.restrictedTo(), Stage.PERSONA_PUBLISHED.first(Instant.now()));
    }

    public static Reply partialReply(ChatMessage answered, String personaId, String personaName, String content) {
        Reply last = finalReply(answered, personaId, personaName, content);
        return new Reply(last.v(), last.id(), last.traceId(), last.conversationId(), last.channelId(),
                last.inReplyTo(), last.persona(), last.kind(), last.content(), 0, true, last.restrictedTo(),
                last.stages());
    }
}
