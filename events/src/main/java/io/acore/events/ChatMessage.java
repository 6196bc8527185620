package io.acore.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A message a user wrote in a conversation (topic {@link Topics#CHAT_INBOUND}).
 *
 * @param conversationId the conversation; its wire form is the record key
 * @param source         where it came from
 * @param channelId      the platform channel the reply goes back to
 * @param replyTo        the platform message id this message answers, if any
 * @param replyToAuthor  who wrote that message, if known (a persona's message shows the persona's name, bot=true)
 * @param mentionsBot    whether the message calls on the bot itself: on Discord an @mention of the bot's user or of
 *                       its role, or a reply to a message the bot posted; absent (false) in records written before
 * @param restrictedTo   the channel whose readers alone can read the conversation, when not everyone in the server
 *                       can: a channel hidden from @everyone (for a thread, its parent's), or a private thread itself;
 *                       null where everyone in the server can read it, in direct messages and the web chat
 */
public record ChatMessage(int v, String id, String traceId, ConversationId conversationId, Platform source,
        String channelId, Author author, String content, String replyTo, Author replyToAuthor, boolean mentionsBot,
        String restrictedTo, Map<String, Instant> stages) implements Event {

    public ChatMessage {
        Require.version(v);
        Require.text(id, "id");
        Require.text(traceId, "traceId");
        Require.present(conversationId, "conversationId");
        Require.present(source, "source");
        Require.text(channelId, "channelId");
        Require.present(author, "author");
        Require.present(content, "content");
        stages = Stage.copyOf(stages);
    }

    /**
     * The id of the chat message for a message the platform already identifies (a Discord message id): the same
     * platform message, seen twice, is the same chat message.
     */
    public static String idFor(Platform platform, String platformMessageId) {
        return UUID.nameUUIDFromBytes(("message\u0000" + platform.wireName() + "\u0000" + platformMessageId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    public ChatMessage withStage(Stage stage, Instant at) {
        return new ChatMessage(v, id, traceId, conversationId, source, channelId, author, content, replyTo,
                replyToAuthor, mentionsBot, restrictedTo, stage.addTo(stages, at));
    }
}
