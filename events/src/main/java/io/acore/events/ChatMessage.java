package io.acore.events;

import java.time.Instant;
import java.util.Map;

/**
 * A message a user wrote in a conversation (topic {@link Topics#CHAT_INBOUND}).
 *
 * @param conversationId {@code discord:<guild>:<channel-or-thread>} or {@code web:<channel>}; the record key
 * @param source         where it came from: {@code discord} or {@code web}
 * @param channelId      the platform channel the reply goes back to
 * @param replyTo        the platform message id this message answers, if any
 * @param replyToAuthor  who wrote that message, if known (a persona's message shows the persona's name, bot=true)
 */
public record ChatMessage(int v, String id, String traceId, String conversationId, String source, String channelId,
        Author author, String content, String replyTo, Author replyToAuthor, Map<String, Instant> stages)
        implements Event {

    public ChatMessage {
        Require.version(v);
        Require.text(id, "id");
        Require.text(traceId, "traceId");
        Require.text(conversationId, "conversationId");
        Require.text(source, "source");
        Require.text(channelId, "channelId");
        Require.present(author, "author");
        Require.present(content, "content");
        stages = Stages.orEmpty(stages);
    }

    public ChatMessage withStage(String stage, Instant at) {
        return new ChatMessage(v, id, traceId, conversationId, source, channelId, author, content, replyTo,
                replyToAuthor, Stages.plus(stages, stage, at));
    }
}
