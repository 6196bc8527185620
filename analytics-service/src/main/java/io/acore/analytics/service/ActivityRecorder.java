package io.acore.analytics.service;

import io.acore.events.ChatMessage;
import io.acore.events.Delivery;
import io.acore.events.MemoryEvent;
import io.acore.events.Reply;
import io.acore.events.ReplyKind;
import io.acore.events.ServiceEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns what passes on the topics into counts, reply timings and the list of recent errors: what counts as a
 * reply, a model request or an error is decided here. Each event counts once, however often it is delivered.
 */
@ApplicationScoped
public class ActivityRecorder {
    private final ActivityCounters counters;
    private final ReplyTimings timings;
    private final SeenEvents seen;

    public ActivityRecorder(ActivityCounters counters, ReplyTimings timings, SeenEvents seen) {
        this.counters = counters;
        this.timings = timings;
        this.seen = seen;
    }

    public void message(ChatMessage message) {
        if (seen.firstTime("message", message.id())) {
            counters.message();
        }
    }

    /** Only final replies count: a notice as a notice, the character's words as a reply with its timings. */
    public void reply(Reply reply) {
        if (!reply.isFinal() || reply.isCancelled() || !seen.firstTime("reply", reply.id())) {
            return;
        }
        if (reply.kind() == ReplyKind.NOTICE) {
            counters.notice();
        } else {
            counters.reply();
            timings.record(reply);
        }
    }

    public void delivery(Delivery delivery) {
        if (!seen.firstTime("delivery", delivery.id())) {
            return;
        }
        counters.delivery();
        if (delivery.status() == Delivery.Status.FAILED) {
            counters.error("gateway-service", "delivery to " + delivery.target().wireName() + " failed",
                    delivery.detail());
        }
    }

    public void serviceEvent(ServiceEvent event) {
        if (!seen.firstTime("service-event", event.id())) {
            return;
        }
        if (ServiceEvent.LLM_COMPLETED.equals(event.type()) || ServiceEvent.LLM_FAILED.equals(event.type())) {
            counters.llmRequest();
        }
        if (event.isError()) {
            counters.error(event.service(), event.type(), event.detail());
        }
    }

    public void memoryEvent(MemoryEvent event) {
        if (seen.firstTime("memory-event", event.id())) {
            counters.memoryEvent(event.type());
        }
    }

    /** A record some consumer could not read, from the topic it was on, with the reason it gave. */
    public void deadLetter(String topic, String reason) {
        counters.deadLetter(topic, reason);
    }
}
