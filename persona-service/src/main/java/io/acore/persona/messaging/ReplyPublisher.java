package io.acore.persona.messaging;

import io.acore.events.EventCodec;
import io.acore.events.Reply;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.errors.RetriableException;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Publishes replies, keyed by conversation so that a conversation's replies stay in order. */
@ApplicationScoped
public class ReplyPublisher {
    private final MutinyEmitter<Record<String, String>> replies;

    public ReplyPublisher(@Channel("chat-outbound") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
            MutinyEmitter<Record<String, String>> replies) {
        this.replies = replies;
    }

    /**
     * Sends a final reply and returns once the broker has it, so the inbound record is acked only after. While the
     * broker cannot take it, it keeps trying: the message waits instead of ending in the dead-letter topic.
     */
    @Retry(retryOn = RetriableException.class, maxRetries = -1, maxDuration = 0, delay = 1000, jitter = 500)
    public void publishFinal(Reply reply) {
        replies.sendAndAwait(keyed(reply));
    }

    /** Sends a streaming update without waiting; a lost partial is replaced by the next one or the final. */
    public void publishPartial(Reply reply) {
        replies.sendAndForget(keyed(reply));
    }

    private static Record<String, String> keyed(Reply reply) {
        return Record.of(reply.conversationId().toString(), EventCodec.encode(reply));
    }
}
