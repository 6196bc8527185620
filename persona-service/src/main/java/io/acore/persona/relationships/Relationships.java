package io.acore.persona.relationships;

import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.events.MemoryEvent;
import io.acore.events.Sha256;
import io.acore.persona.card.CharacterCard;
import io.acore.persona.relationships.Bond.Kind;
import io.acore.persona.repository.RelationshipStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

/**
 * How the personas stand with the members and with each other, per place ({@link ConversationId#place}):
 * affection moves by the thinking model's judgement of how warmly a member treated a persona (memory-service reads
 * the turns a persona answered and judges them, {@link MemoryEvent#WARMTH_JUDGED}; at most 2 points a turn, either
 * way); affinity between two personas grows a point with each exchange of banter. Both fade slowly without contact
 * ({@link Bond}). A prompt gets one short section from them; {@code /relationship} shows them.
 */
@ApplicationScoped
public class Relationships {
    /** The most a prompt's section on relationships takes (two names of up to 80 characters and its words). */
    public static final int MOST_CHARS = 260;
    private static final Logger LOG = Logger.getLogger(Relationships.class);
    /** Longer than memory-service's events are kept on the broker: an event read again finds its mark. */
    private static final Duration EVENTS_KEPT = Duration.ofDays(8);

    private final RelationshipStore store;

    public Relationships(RelationshipStore store) {
        this.store = store;
    }

    /** Applies a judgement of warmth once; waits out a database outage. */
    @Retry(maxRetries = -1, delay = 2, delayUnit = ChronoUnit.SECONDS, maxDuration = 1, durationUnit = ChronoUnit.HOURS,
            retryOn = SQLException.class)
    public void judged(MemoryEvent event) throws SQLException {
        Map<String, Object> data = event.data();
        if (!(data.get("conversationId") instanceof String conversation) || !(data.get("personaId") instanceof String
                persona) || !(data.get(MemoryEvent.AUTHOR_DIGEST) instanceof String member)
                || !(data.get(MemoryEvent.WARMTH) instanceof Number warmth)) {
            LOG.warnf("skipped a judgement of warmth without what it is about: %s", event.id());
            return;
        }
        int turns = data.get("turns") instanceof Number n ? Math.max(1, n.intValue()) : 1;
        int step = Math.max(-2, Math.min(2, warmth.intValue()));
        store.change(event.id(), ConversationId.fromString(conversation).place(), persona, Kind.MEMBER, member,
                step * turns, Instant.now());
    }

    /** Two personas exchanged a line of banter: they get on a little better. */
    public void bantered(String replyId, ConversationId conversation, String persona, String answered) {
        try {
            store.change("banter:" + replyId, conversation.place(), persona, Kind.PERSONA, answered, 1, Instant.now());
        } catch (SQLException e) {
            LOG.warnf("Banter between %s and %s left out of their affinity: %s", persona, answered, e.getMessage());
        }
    }

    /** Affinity between two personas in the place (50 until they have had to do with each other). */
    public int affinity(ConversationId conversation, String persona, String other) {
        try {
            return store.find(conversation.place(), persona, Kind.PERSONA, other).map(bond -> bond.scoreAt(Instant.now()))
                    .orElse(Kind.PERSONA.start());
        } catch (SQLException e) {
            return Kind.PERSONA.start();
        }
    }

    /**
     * The prompt's section on how the persona stands with the message's author (a member, or a persona it answers
     * in banter); empty when the database cannot say.
     */
    public String section(CharacterCard card, ChatMessage message) {
        Instant now = Instant.now();
        try {
            String place = message.conversationId().place();
            if (message.author().bot()) {
                String other = message.author().id();
                int affinity = store.find(place, card.id(), Kind.PERSONA, other).map(bond -> bond.scoreAt(now))
                        .orElse(Kind.PERSONA.start());
                return "\n\nHow " + card.name() + " gets on with " + message.author().name() + ": " + affinity
                        + " of 100.";
            }
            Bond bond = store.find(place, card.id(), Kind.MEMBER, Sha256.hex(message.author().id()))
                    .orElse(Bond.first(Kind.MEMBER, now));
            return "\n\nHow " + card.name() + " feels about " + message.author().name() + ": " + bond.stageAt(now)
                    + " (affection " + bond.scoreAt(now) + " of 100).";
        } catch (SQLException e) {
            return "";
        }
    }

    /** What {@code /relationship} shows a member: where the persona stands with them, and with the others here. */
    public String describe(ConversationId conversation, CharacterCard card, String memberId,
            Collection<CharacterCard> others) throws SQLException {
        Instant now = Instant.now();
        String place = conversation.place();
        Bond bond = store.find(place, card.id(), Kind.MEMBER, Sha256.hex(memberId)).orElse(Bond.first(Kind.MEMBER, now));
        Map<String, Bond> affinities = store.personasOf(place, card.id());
        String withOthers = others.stream().filter(other -> !other.id().equals(card.id()))
                .map(other -> "**" + other.name() + "** " + affinities.getOrDefault(other.id(),
                        Bond.first(Kind.PERSONA, now)).scoreAt(now))
                .collect(Collectors.joining(", "));
        return "To **" + card.name() + "** you are " + bond.stageAt(now) + " (affection " + bond.scoreAt(now)
                + " of 100)." + (withOthers.isEmpty() ? "" : "\nHow " + card.name() + " gets on with the others here, "
                        + "of 100: " + withOthers + ".");
    }

    /** Forgets an erased member; waits out a database outage (the erasure is heard once). */
    @Retry(maxRetries = -1, delay = 2, delayUnit = ChronoUnit.SECONDS, maxDuration = 1, durationUnit = ChronoUnit.HOURS,
            retryOn = SQLException.class)
    public void forget(String memberDigest) throws SQLException {
        store.forget(memberDigest);
    }

    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            store.forgetEventsBefore(Instant.now().minus(EVENTS_KEPT));
        } catch (SQLException e) {
            LOG.debugf("relationship sweep put off: %s", e.getMessage());
        }
    }
}
