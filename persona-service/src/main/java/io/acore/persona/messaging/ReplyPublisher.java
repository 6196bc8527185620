package io.acore.persona.messaging;

import io.acore.events.EventCodec;
import io.acore.events.Reply;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.errors.RetriableException;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/** Publishes replies, keyed by conversation so that a conversation's replies stay in order. */
@ApplicationScoped
public class ReplyPublisher {
    private static final Logger LOG = Logger.getLogger(ReplyPublisher.class);

    private final MutinyEmitter<Record<String, String>> replies;
    private final Counter partialsDropped;

    public ReplyPublisher(@Channel("chat-outbound") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
            MutinyEmitter<Record<String, String>> replies, MeterRegistry registry) {
        this.replies = replies;
        this.partialsDropped = Counter.builder("acore.persona.partials.dropped")
                .description("streaming updates not sent because the broker's buffer was full").register(registry);
    }

    /**
     * Sends a final reply and returns once the broker has it, so the inbound record is acked only after. While the
     * broker cannot take it — out of reach, or its send buffer full during a long outage (the emitter's
     * {@link IllegalStateException}) — it keeps trying: the message waits instead of ending in the dead-letter topic.
     */
    @Retry(retryOn = {RetriableException.class, IllegalStateException.class}, maxRetries = -1, maxDuration = 0,
            delay = 1000, jitter = 500)
    public void publishFinal(Reply reply) {
        replies.sendAndAwait(keyed(reply));
    }

    /**
     * Sends a streaming update without waiting; a lost partial is replaced by the next one or the final, so one the
     * send buffer has no room for is dropped (counted in {@code acore_persona_partials_dropped_total}).
     */
    public void publishPartial(Reply reply) {
        try {
            replies.sendAndForget(keyed(reply));
        } catch (IllegalStateException bufferFull) {
            partialsDropped.increment();
            LOG.debugf("A streaming update of reply %s was dropped: %s", reply.id(), bufferFull.getMessage());
        }
    }

    private static Record<String, String> keyed(Reply reply) {
        return Record.of(reply.conversationId().toString(), EventCodec.encode(reply));
    }
}
