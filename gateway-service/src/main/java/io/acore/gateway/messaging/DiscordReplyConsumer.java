package io.acore.gateway.messaging;

import io.acore.events.EventCodec;
import io.acore.events.MalformedEventException;
import io.acore.events.Platform;
import io.acore.events.Reply;
import io.acore.gateway.discord.DiscordPoster;
import io.acore.gateway.discord.DiscordShards;
import io.acore.gateway.discord.DiscordStreaming;
import io.acore.gateway.discord.TypingIndicator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Delivers the replies of the Discord conversations this replica's shards hear ({@link DiscordShards}): final
 * replies are posted ({@link DiscordPoster}), partial ones are streamed ({@link DiscordStreaming}) or, before
 * there is text or with streaming off, show the persona typing. Each replica reads every
 * reply in a consumer group of its own replica number, so replicas that run different shards never deliver the
 * same reply, and a restarted replica carries on where it stopped. A record is acknowledged once its reply is
 * on Discord or reported as failed.
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
        if (reply.isCancelled()) {
            return lanes.run(reply.conversationId(), () -> poster.withdraw(reply).subscribeAsCompletionStage())
                    .thenCompose(withdrawn -> record.ack());
        }
        if (!reply.isFinal()) {
            if (!streaming.offer(reply)) {
                typing.whileWorkingOn(reply);
            }
            return record.ack();
        }
        lanes.run(reply.conversationId(), () -> poster.deliver(reply).subscribeAsCompletionStage())
                .whenComplete((posted, failure) -> {
                    if (failure == null) {
                        record.ack();
                    } else {
                        record.nack(failure);
                    }
                });
        return lanes.room();
    }
}
