package io.acore.analytics.service;

import io.acore.analytics.repository.ActivityStore;
import io.acore.analytics.repository.Tally;
import io.acore.analytics.repository.Tally.Count;
import io.acore.analytics.repository.Tally.Failure;
import io.acore.events.ChatMessage;
import io.acore.events.Delivery;
import io.acore.events.MemoryEvent;
import io.acore.events.Reply;
import io.acore.events.ReplyKind;
import io.acore.events.ServiceEvent;
import io.acore.events.Stage;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides what each event on the topics counts as: a message (and an active member), a reply for its persona, a
 * notice, a delivery, a model request with its tokens, an error, something memory did. Each event is named by its
 * own id, so that it counts once however often it is read ({@link ActivityStore}); {@code at} is when its record
 * was written.
 */
@ApplicationScoped
public class ActivityRecorder {
    private static final String GATEWAY = "gateway-service";
    private static final String PERSONA = "persona-service";

    public List<Tally> message(ChatMessage message, Instant at) {
        String day = at.atZone(ZoneOffset.UTC).toLocalDate().toString();
        String said = "message " + message.id() + " in " + message.conversationId();
        Tally counted = new Tally("message", message.id(), at, Count.one(Tally.MESSAGES)).traced(message.traceId(),
                List.of(step(message.stages(), Stage.GATEWAY_RECEIVED, GATEWAY, said),
                        step(message.stages(), Stage.GATEWAY_PUBLISHED, GATEWAY, null)));
        return List.of(counted, new Tally("user:" + day, message.author().id(), at, Count.one(Tally.ACTIVE_USERS)));
    }

    /** Only final replies count: a notice as a notice, the character's words as a reply of its persona. */
    public List<Tally> reply(Reply reply, Instant at) {
        if (!reply.isFinal() || reply.isCancelled()) {
            return List.of();
        }
        Count count = reply.kind() == ReplyKind.NOTICE ? Count.one(Tally.NOTICES)
                : Count.one(Tally.REPLIES, reply.persona().id());
        Map<String, Instant> stages = reply.stages();
        String published = (reply.kind() == ReplyKind.NOTICE ? "notice " : "reply ") + reply.id() + " by "
                + reply.persona().name();
        return List.of(new Tally("reply", reply.id(), at, count).traced(reply.traceId(), List.of(
                step(stages, Stage.PERSONA_RECEIVED, PERSONA, null),
                step(stages, Stage.MEMORY_RECALLED, PERSONA, null),
                step(stages, Stage.LLM_REQUESTED, PERSONA, null),
                step(stages, Stage.LLM_FIRST_TOKEN, PERSONA, null),
                step(stages, Stage.LLM_COMPLETED, PERSONA, null),
                step(stages, Stage.PERSONA_PUBLISHED, PERSONA, published))));
    }

    public List<Tally> delivery(Delivery delivery, Instant at) {
        boolean failed = delivery.status() == Delivery.Status.FAILED;
        String where = delivery.target().wireName();
        String outcome = failed ? "delivery to " + where + " failed: " + delivery.detail()
                : "delivered to " + where + (delivery.platformMessageIds().isEmpty() ? ""
                        : " as message " + String.join(", ", delivery.platformMessageIds()));
        Tally tally = new Tally("delivery", delivery.id(), at, Count.one(Tally.DELIVERIES)).traced(delivery.traceId(),
                List.of(new Tally.Step(failed ? "gateway.failed" : Stage.GATEWAY_DELIVERED.key(),
                        Stage.GATEWAY_DELIVERED.in(delivery.stages()).orElse(at), GATEWAY, outcome)));
        if (failed) {
            tally = error(tally, GATEWAY, "delivery to " + where + " failed", delivery.detail());
        }
        return List.of(tally);
    }

    public List<Tally> serviceEvent(ServiceEvent event, Instant at) {
        List<Count> counts = new ArrayList<>();
        if (ServiceEvent.LLM_COMPLETED.equals(event.type()) || ServiceEvent.LLM_FAILED.equals(event.type())) {
            Map<String, Object> data = event.data() == null ? Map.of() : event.data();
            String persona = text(data.get("persona"));
            counts.add(Count.one(Tally.MODEL_REQUESTS, persona));
            String model = persona + "/" + text(data.get("model"));
            counts.add(new Count(Tally.PROMPT_TOKENS, model, number(data.get("promptTokens"))));
            counts.add(new Count(Tally.COMPLETION_TOKENS, model, number(data.get("completionTokens"))));
        }
        if (ServiceEvent.RATE_LIMITED.equals(event.type())) {
            counts.add(Count.one(Tally.RATE_LIMITED));
        }
        Tally tally = new Tally("service-event", event.id(), at, counts, null, null, List.of());
        if (event.isError()) {
            tally = error(tally, event.service(), event.type(), event.detail()).traced(event.traceId(),
                    List.of(new Tally.Step(event.type(), at, event.service(), event.detail())));
        }
        return counts.isEmpty() && tally.failure() == null ? List.of() : List.of(tally);
    }

    public List<Tally> memoryEvent(MemoryEvent event, Instant at) {
        return List.of(new Tally("memory-event", event.id(), at, Count.one(Tally.MEMORY_EVENTS, event.type())));
    }

    /**
     * A record some consumer could not read, from the topic it was on, with the reason it gave; {@code record}
     * names the record that was given up on, so that it counts once.
     */
    public List<Tally> deadLetter(String record, String topic, String reason, Instant at) {
        return List.of(error(new Tally("dead-letter", record, at, Count.one(Tally.DEAD_LETTERS, topic)), topic,
                "dead letter", reason));
    }

    private static Tally error(Tally tally, String source, String type, String detail) {
        List<Count> counts = new ArrayList<>(tally.counts());
        counts.add(Count.one(Tally.ERRORS, source));
        return new Tally(tally.kind(), tally.id(), tally.at(), counts, new Failure(source, type, detail),
                tally.traceId(), tally.steps());
    }

    private static Tally.Step step(Map<String, Instant> stages, Stage stage, String service, String detail) {
        return new Tally.Step(stage.key(), stage.in(stages).orElse(null), service, detail);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static long number(Object value) {
        return value instanceof Number number ? Math.max(0, number.longValue()) : 0;
    }
}
