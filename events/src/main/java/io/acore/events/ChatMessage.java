package io.acore.events;

import java.time.Instant;
import java.util.Map;

/**
 * A message a user wrote in a conversation (topic {@link Topics#CHAT_INBOUND}).
 *
 * @param conversationId the conversation; its wire form is the record key
 * @param source         where it came from
 * @param channelId      the platform channel the reply goes back to
 * @param replyTo        the platform message id this message answers, if any
 * @param replyToAuthor  who wrote that message, if known (a persona's message shows the persona's name, bot=true)
 */
public record ChatMessage(int v, String id, String traceId, ConversationId conversationId, Platform source,
        String channelId, Author author, String content, String replyTo, Author replyToAuthor,
        Map<String, Instant> stages) implements Event {

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

    public ChatMessage withStage(Stage stage, Instant at) {
        return new ChatMessage(v, id, traceId, conversationId, source, channelId, author, content, replyTo,
                replyToAuthor, stage.addTo(stages, at));
    }
}
