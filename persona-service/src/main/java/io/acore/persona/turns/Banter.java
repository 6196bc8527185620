package io.acore.persona.turns;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.acore.events.Author;
import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.events.Event;
import io.acore.events.Reply;
import io.acore.events.ReplyKind;
import io.acore.events.metrics.Meters;
import io.acore.persona.card.CharacterCard;
import io.acore.persona.config.PersonaConfig;
import io.acore.persona.messaging.ConversationLanes;
import io.acore.persona.relationships.Relationships;
import io.acore.persona.service.ChannelSettings;
import io.acore.persona.service.ReplyGenerator;
import io.acore.persona.service.ServerPersonas;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Personas answering each other, in channels where banter is on ({@link ChannelSettings#banter}): after a persona's
 * line, another persona of the channel may answer it ({@link BanterPlan}), after a pause of at least 5 s, within
 * the channel's cap ({@link ChainLimits}); a member speaking in the channel meanwhile takes precedence and the answer
 * is dropped. Only lines of this service's own personas are answered, never another bot's. A line answered becomes
 * the answering persona's message ("cue") in its conversation's order, as a member's would; each exchange raises
 * the two personas' affinity.
 */
@ApplicationScoped
public class Banter {
    private static final Logger LOG = Logger.getLogger(Banter.class);

    private final ChannelSettings channels;
    private final ServerPersonas servers;
    private final Relationships relationships;
    private final ConversationLanes lanes;
    private final ReplyGenerator generator;
    private final PersonaConfig.Banter config;
    private final ChainLimits limits;
    private final MeterRegistry registry;
    /** The hop of each cue answered lately: 0 for a line that answered a member, then one more per persona. */
    private final Cache<String, Integer> hops;
    private final Map<ConversationId, Future<?>> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "persona-banter");
        thread.setDaemon(true);
        return thread;
    });

    public Banter(ChannelSettings channels, ServerPersonas servers, Relationships relationships,
            ConversationLanes lanes, ReplyGenerator generator, PersonaConfig config, MeterRegistry registry) {
        this.channels = channels;
        this.servers = servers;
        this.relationships = relationships;
        this.lanes = lanes;
        this.generator = generator;
        this.config = config.banter();
        this.limits = new ChainLimits(this.config.longestChain(), this.config.window());
        this.registry = registry;
        this.hops = Caffeine.newBuilder().expireAfterWrite(this.config.window().plus(Duration.ofMinutes(5))).build();
    }

    /** A member spoke in the conversation: a persona about to answer another there keeps quiet. */
    public void memberSpoke(ConversationId conversation) {
        Future<?> waiting = pending.remove(conversation);
        if (waiting != null && waiting.cancel(false)) {
            counted("interrupted");
        }
    }

    /** Whether the message is a persona's line another persona answers ({@link #cue}). */
    public static boolean isCue(ChatMessage message) {
        return message.author().bot();
    }

    /** After a persona's final reply to {@code answered}: whether and who answers it, later. */
    public void afterReply(ChatMessage answered, CharacterCard speaker, Reply reply) {
        if (reply.kind() != ReplyKind.PERSONA) {
            return;
        }
        ConversationId conversation = reply.conversationId();
        Integer cueHop = isCue(answered) ? hops.getIfPresent(answered.id()) : null;
        if (isCue(answered)) {
            relationships.bantered(reply.id(), conversation, speaker.id(), answered.author().id());
        }
        if (!channels.banter(conversation).value()) {
            return;
        }
        int hop = cueHop == null ? 0 : cueHop + 1;
        List<String> others = servers.cardsIn(conversation).stream().map(CharacterCard::id)
                .filter(id -> channels.allows(conversation, id)).toList();
        Optional<CharacterCard> next = BanterPlan.next(reply.id(), speaker.id(), others,
                other -> relationships.affinity(conversation, speaker.id(), other), hop,
                config.chanceAtNoAffinity(), config.chanceAtFullAffinity())
                .flatMap(id -> servers.find(conversation, id));
        if (next.isEmpty()) {
            return;
        }
        if (!limits.take(conversation, Instant.now())) {
            counted("capped");
            return;
        }
        ChatMessage cue = cue(answered, speaker, reply);
        hops.put(cue.id(), hop);
        CharacterCard answering = next.get();
        pending.put(conversation, timer.schedule(() -> {
            pending.remove(conversation);
            counted("answered");
            lanes.admit(conversation, () -> generator.answerLine(cue, answering)).exceptionally(failure -> {
                LOG.warnf("%s could not answer %s: %s", answering.id(), speaker.id(), failure.toString());
                return null;
            });
        }, config.pause().toMillis(), TimeUnit.MILLISECONDS));
    }

    /** A persona's line as the message another persona answers: its id is the reply's, its author the persona. */
    static ChatMessage cue(ChatMessage answered, CharacterCard speaker, Reply reply) {
        return new ChatMessage(Event.SCHEMA_VERSION, reply.id(), reply.traceId(), reply.conversationId(),
                answered.source(), answered.channelId(), new Author(speaker.id(), speaker.name(), true), reply.content(),
                null, null, false, answered.restrictedTo(), reply.stages());
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    /** One more line said, or chain cut short ({@code acore_persona_banter_total}). */
    private void counted(String outcome) {
        Meters.counter(registry, "acore.persona.banter",
                "lines personas said to each other, and chains cut short, by outcome",
                "outcome", outcome).increment();
    }
}
