package io.acore.gateway.messaging;

import io.acore.events.EventCodec;
import io.acore.events.MalformedEventException;
import io.acore.events.Platform;
import io.acore.events.Reply;
import io.acore.gateway.discord.DiscordPoster;
import io.acore.gateway.discord.shards.DiscordShards;
import io.acore.gateway.discord.DiscordStreaming;
import io.acore.gateway.discord.TypingIndicator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Delivers the replies of the Discord conversations this process's shards hear ({@link DiscordShards}): final
 * replies are posted ({@link DiscordPoster}), partial ones are streamed ({@link DiscordStreaming}) or, before
 * there is text or with streaming off, show the persona typing. Each process reads every reply in a consumer group
 * of its own instance, from where the topic stood when the group was new (what came before belongs to whoever
 * ran the shards then; {@link TakenOverReplies} covers a hand-over), so processes that run different shards never
 * deliver the same reply. A record is acknowledged once its reply is on Discord, reported as failed, or left to
 * the shard's new owner.
 */
@ApplicationScoped
public class DiscordReplyConsumer {
    private final DiscordShards shards;
    private final DiscordPoster poster;
    private final TypingIndicator typing;
    private final DeliveryLanes lanes;
    private final DiscordStreaming streaming;

    public DiscordReplyConsumer(DiscordShards shards, DiscordPoster poster, TypingIndicator typing,
            DeliveryLanes lanes, DiscordStreaming streaming) {
        this.streaming = streaming;
        this.shards = shards;
        this.poster = poster;
        this.typing = typing;
        this.lanes = lanes;
    }

    /** Returns once there is room for another post, so the connector fetches no more than can be posted. */
    @Incoming("discord-outbound")
    public CompletionStage<Void> onReply(Message<String> record) {
        Reply reply;
        try {
            reply = EventCodec.decode(record.getPayload(), Reply.class);
        } catch (MalformedEventException e) {
            return record.nack(e);
        }
        if (reply.conversationId().platform() != Platform.DISCORD || !shards.owns(reply.conversationId())) {
            return record.ack();
        }
        if (!reply.isFinal() && !reply.isCancelled()) {
            // a reply starts showing only after the conversation's earlier replies are posted, never above them
            boolean mayShow = lanes.idle(reply.conversationId()) || streaming.streams(reply);
            if (!mayShow || !streaming.offer(reply)) {
                typing.whileWorkingOn(reply);
            }
            return record.ack();
        }
        settle(reply).whenComplete((posted, failure) -> {
            if (failure == null) {
                record.ack();
            } else {
                record.nack(failure);
            }
        });
        return lanes.room();
    }

    /**
     * Posts a final reply, or withdraws what streaming showed of a cancelled one, after the conversation's earlier
     * posts; completes when it is done.
     */
    public CompletionStage<Void> settle(Reply reply) {
        if (reply.isCancelled()) {
            return lanes.run(reply.conversationId(), () -> poster.withdraw(reply).subscribeAsCompletionStage());
        }
        return lanes.run(reply.conversationId(), () -> poster.deliver(reply).subscribeAsCompletionStage());
    }
}
