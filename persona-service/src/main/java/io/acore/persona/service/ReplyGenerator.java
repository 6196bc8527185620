package io.acore.persona.service;

import io.acore.events.ChatMessage;
import io.acore.events.Event;
import io.acore.events.EventCodec;
import io.acore.events.PersonaRef;
import io.acore.events.Reply;
import io.acore.events.ReplyKind;
import io.acore.events.ServiceEvent;
import io.acore.events.ServiceEvent.Severity;
import io.acore.events.Stage;
import io.acore.events.api.ContextRequest;
import io.acore.events.api.HistoryEntry;
import io.acore.events.llm.ChatTurn;
import io.acore.events.llm.Completion;
import io.acore.events.llm.LlmResponseException;
import io.acore.events.metrics.Meters;
import io.acore.persona.card.CharacterCard;
import io.acore.persona.client.ModelTuning;
import io.acore.persona.config.PersonaConfig;
import io.acore.persona.messaging.ReplyPublisher;
import io.acore.persona.messaging.ServiceEventPublisher;
import io.acore.persona.model.ModelCalls;
import io.acore.persona.model.ModelFailures;
import io.acore.persona.model.ModelRecovery;
import io.acore.persona.model.ReplyCleaner;
import io.acore.persona.prompt.PromptBuilder;
import io.acore.persona.relationships.Relationships;
import io.acore.persona.turns.Banter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/** The reply path: choose a persona, gather history, ask the model, stream and publish the answer. */
@ApplicationScoped
public class ReplyGenerator {
    static final String SERVICE = "persona-service";
    private static final Logger LOG = Logger.getLogger(ReplyGenerator.class);
    /** The persona tag of messages no persona answered: one tag set for every outcome, as Prometheus needs. */
    private static final String NOBODY = "none";

    private final PersonaSelector selector;
    private final ConversationMemory memory;
    private final PromptBuilder prompts;
    private final ModelCalls llm;
    private final ReplyCleaner cleaner;
    private final ReplyPublisher publisher;
    private final ServiceEventPublisher events;
    private final NoticeThrottle notices;
    private final RecentTurns recent;
    private final AnsweredMessages answered;
    private final ModelRecovery recovery;
    private final PersonaConfig config;
    private final MeterRegistry registry;
    private final Relationships relationships;
    private final Banter banter;
    private final ChannelSettings channels;

    public ReplyGenerator(PersonaSelector selector, ConversationMemory memory, PromptBuilder prompts,
            ModelCalls llm, ReplyCleaner cleaner, ReplyPublisher publisher, ServiceEventPublisher events,
            NoticeThrottle notices, RecentTurns recent, AnsweredMessages answered, ModelRecovery recovery,
            PersonaConfig config, MeterRegistry registry, Relationships relationships, Banter banter,
            ChannelSettings channels) {
        this.channels = channels;
        this.relationships = relationships;
        this.banter = banter;
        this.selector = selector;
        this.memory = memory;
        this.prompts = prompts;
        this.llm = llm;
        this.cleaner = cleaner;
        this.publisher = publisher;
        this.events = events;
        this.notices = notices;
        this.recent = recent;
        this.answered = answered;
        this.recovery = recovery;
        this.config = config;
        this.registry = registry;
    }

    public void respond(ChatMessage message) {
        if (answered.contains(message.id())) {
            counted("duplicate", NOBODY);
            return;
        }
        ChatMessage received = message.withStage(Stage.PERSONA_RECEIVED, Instant.now());
        banter.memberSpoke(received.conversationId());
        CharacterCard card = selector.select(received).orElse(null);
        if (card == null) {
            recent.took(received);
            String outcome = selector.mayAnswer(received) ? "unaddressed" : "ignored";
            counted(outcome, NOBODY);
            return;
        }
        StreamingReply streaming = new StreamingReply(received, card);
        try {
            generate(received, card, streaming);
        } catch (RuntimeException failure) {
            endWithNotice(received, card, streaming, failure);
            throw failure;
        }
    }

    /**
     * Memory and the prompt, then "started" (the persona shown typing), the model, and the final reply or notice.
     * "started" waits for the context call so that its way out (the broker, the gateway) does not take the cores
     * from that call; it goes out while the model thinks.
     */
    private void generate(ChatMessage received, CharacterCard card, StreamingReply streaming) {
        List<ChatTurn> prompt = prompt(received, card, streaming);
        streaming.started();
        try {
            answer(received, card, streaming, llm.complete(prompt, tuning(received, card), streaming::update,
                    llm.deadlineFromNow()));
        } catch (RuntimeException e) {
            if (!ModelFailures.isModelFailure(e)) {
                throw e;
            }
            handleModelFailure(received, card, streaming, prompt, e);
        }
    }

    /**
     * Answers another persona's line in banter ({@link Banter}) as a member's message is answered, except that
     * nothing asked for it: when anything fails, the started reply ends cancelled, without a notice.
     */
    public void answerLine(ChatMessage line, CharacterCard card) {
        if (answered.contains(line.id())) {
            return;
        }
        ChatMessage received = line.withStage(Stage.PERSONA_RECEIVED, Instant.now());
        StreamingReply streaming = new StreamingReply(received, card);
        try {
            List<ChatTurn> prompt = prompt(received, card, streaming);
            streaming.started();
            answer(received, card, streaming, llm.complete(prompt, tuning(received, card), streaming::update,
                    llm.deadlineFromNow()));
        } catch (RuntimeException e) {
            LOG.infof("%s did not answer %s's line: %s", card.id(), line.author().name(), e.toString());
            counted("banter-failed", card.id());
            publisher.publishFinal(streaming.end(ReplyKind.CANCELLED, ""));
        }
    }

    private ModelTuning tuning(ChatMessage message, CharacterCard card) {
        return channels.tuning(message.conversationId(), card.id());
    }

    /** Memory, then the prompt: the recent turns that fit, what memory holds, how the persona stands with the author. */
    private List<ChatTurn> prompt(ChatMessage received, CharacterCard card, StreamingReply streaming) {
        ConversationMemory.Remembered remembered = memory.context(new ContextRequest(received.conversationId(),
                card.id(), card.name(), received.author().id(), received.id(), received.content(),
                config.historyTurns(), prompts.historyBudget(card, received), received.restrictedTo(),
                channels.absentFrom(received.conversationId(), card.id())));
        streaming.passed(Stage.MEMORY_RECALLED);
        if (!remembered.fromMemory()) {
            events.publish(event(received, ServiceEvent.MEMORY_FALLBACK, Severity.WARN,
                    "answered without memory: memory-service unavailable", Map.of()));
        }
        List<HistoryEntry> earlier = recent.mergedWith(received.conversationId(), remembered.context().recent()).stream()
                .filter(entry -> !entry.id().equals(received.id())) // memory may have stored this message already
                .toList();
        List<HistoryEntry> context = earlier.subList(Math.max(0, earlier.size() - config.historyTurns()), earlier.size());
        if (!Banter.isCue(received)) {
            recent.took(received); // a persona's line answered in banter is in the recent turns as that persona's reply
        }
        List<ChatTurn> prompt = prompts.build(card, context, remembered.context(), received,
                relationships.section(card, received));
        streaming.passed(Stage.LLM_REQUESTED);
        return prompt;
    }

    private void answer(ChatMessage message, CharacterCard card, StreamingReply streaming, Completion completion) {
        String text = cleaner.clean(completion.text(), card.name());
        if (text.isEmpty()) {
            throw new LlmResponseException("the model's answer was empty once cleaned");
        }
        Reply reply = streaming.finish(text, completion);
        publishFinal(reply);
        events.publish(event(message, ServiceEvent.LLM_COMPLETED, Severity.INFO, null,
                completionData(card, completion)));
        counted(Banter.isCue(message) ? "bantered" : "answered", card.id());
        banter.afterReply(message, card, reply);
    }

    private void publishFinal(Reply reply) {
        publisher.publishFinal(reply);
        answered.answered(reply);
        recent.published(reply);
    }

    /**
     * A reply that failed after "started" for a reason other than the model (the model's own failures end in
     * {@link #handleModelFailure}) ends with a notice under the same id before the message goes to the dead letters
     * (with the reason, for the operators): nobody is left looking at a persona typing, and the message counts as
     * answered, by the notice. Nothing is sent when the final reply was already out.
     */
    private void endWithNotice(ChatMessage message, CharacterCard card, StreamingReply streaming,
            RuntimeException failure) {
        if (answered.contains(message.id())) {
            return;
        }
        counted("failed", card.id());
        try {
            publishFinal(streaming.end(ReplyKind.NOTICE, card.name() + " could not answer this message: something "
                    + "went wrong on our side. Please try again."));
        } catch (RuntimeException notSent) {
            failure.addSuppressed(notSent);
        }
    }

    /**
     * A message the model failed waits for it to come back ({@link ModelRecovery}) and is answered then. When it
     * does not come back in time, the message gets a notice: the first of its conversation at once (after a
     * short wait), later ones inside the notice's cool-down only after the long wait. No message ends with neither
     * an answer nor a notice.
     */
    private void handleModelFailure(ChatMessage message, CharacterCard card, StreamingReply streaming,
            List<ChatTurn> prompt, RuntimeException e) {
        LOG.warnf("No reply yet for %s from %s: %s", message.id(), card.id(), e.getMessage());
        events.publish(event(message, ServiceEvent.LLM_FAILED, Severity.ERROR, String.valueOf(e.getMessage()),
                Map.of("persona", card.id(), "error", e.getClass().getSimpleName())));
        boolean told = notices.toldRecently(message.conversationId());
        Optional<Completion> later = recovery.whenBack(prompt, tuning(message, card), streaming::update, told);
        if (later.isPresent()) {
            try {
                answer(message, card, streaming, later.get());
                return;
            } catch (LlmResponseException nothingLeftOnceCleaned) {
                // the model is back but said nothing usable: the message gets its notice below
            }
        }
        counted("model-failed", card.id());
        publishFinal(streaming.end(ReplyKind.NOTICE, notices.shouldNotify(message.conversationId())
                ? card.name() + " can't answer right now: the language model is not responding. Try again in a minute."
                : card.name() + " still can't answer: the language model has not come back. Please ask again later."));
    }

    private static Map<String, Object> completionData(CharacterCard card, Completion completion) {
        Map<String, Object> data = new HashMap<>();
        data.put("persona", card.id());
        data.put("model", completion.model());
        data.put("latencyMs", completion.total().toMillis());
        data.put("firstTokenMs", completion.firstToken().toMillis());
        data.put("promptTokens", completion.promptTokens());
        data.put("completionTokens", completion.completionTokens());
        return data;
    }

    /** One more message with this outcome for this persona ({@code acore_persona_messages_total}). */
    private void counted(String outcome, String persona) {
        Meters.counter(registry, "acore.persona.messages", "messages taken in, by outcome and persona",
                "outcome", outcome, "persona", persona).increment();
    }

    private static ServiceEvent event(ChatMessage message, String type, Severity severity, String detail,
            Map<String, Object> data) {
        return new ServiceEvent(Event.SCHEMA_VERSION, EventCodec.newId(), message.traceId(), SERVICE, type, severity,
                message.conversationId(), detail, data, message.stages());
    }

    static PersonaRef personaRef(CharacterCard card) {
        return new PersonaRef(card.id(), card.name(), card.avatarUrl());
    }

    /**
     * One reply in the making: an empty partial as soon as work starts (platforms show "typing"), throttled
     * partial updates while tokens arrive, then one final record with the same id: the answer, a notice, or
     * "cancelled" so that nobody is left looking at a persona typing forever.
     */
    private final class StreamingReply {
        private final ChatMessage message;
        private final CharacterCard card;
        private final String replyId;
        private final AtomicInteger sequence = new AtomicInteger();
        private volatile long lastPartialNanos;
        private volatile String lastSent = "";
        private volatile Instant firstToken;
        private volatile Map<String, Instant> stages;

        StreamingReply(ChatMessage message, CharacterCard card) {
            this.message = message;
            this.card = card;
            this.replyId = Reply.idFor(message.id(), card.id());
            this.stages = message.stages();
        }

        void passed(Stage stage) {
            stages = stage.addTo(stages, Instant.now());
        }

        void started() {
            publisher.publishPartial(reply(ReplyKind.PERSONA, "", true, message.stages()));
        }

        void update(String textSoFar) {
            if (firstToken == null) {
                firstToken = Instant.now();
            }
            long now = System.nanoTime();
            if (now - lastPartialNanos < config.partialInterval().toNanos()) {
                return;
            }
            String text = cleaner.clean(textSoFar, card.name());
            if (text.isEmpty() || text.equals(lastSent)) {
                return;
            }
            lastPartialNanos = now;
            lastSent = text;
            publisher.publishPartial(reply(ReplyKind.PERSONA, text, true, message.stages()));
        }

        Reply finish(String text, Completion completion) {
            Map<String, Instant> passed = stages;
            if (firstToken != null) {
                passed = Stage.LLM_FIRST_TOKEN.addTo(passed, firstToken);
            }
            passed = Stage.LLM_COMPLETED.addTo(passed, Instant.now());
            return reply(ReplyKind.PERSONA, text, false, Stage.PERSONA_PUBLISHED.addTo(passed, Instant.now()));
        }

        /** Ends the reply as something other than the character's words: a notice, or cancelled. */
        Reply end(ReplyKind kind, String text) {
            return reply(kind, text, false, Stage.PERSONA_PUBLISHED.addTo(stages, Instant.now()));
        }

        private Reply reply(ReplyKind kind, String text, boolean partial, Map<String, Instant> stages) {
            return new Reply(Event.SCHEMA_VERSION, replyId, message.traceId(), message.conversationId(),
                    message.channelId(), message.id(), personaRef(card), kind, text, sequence.incrementAndGet(),
                    partial, message.restrictedTo(), stages);
        }
    }
}
