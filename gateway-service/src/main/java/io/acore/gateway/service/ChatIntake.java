package io.acore.gateway.service;

import io.acore.events.Author;
import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.events.Event;
import io.acore.events.EventCodec;
import io.acore.events.MessageChange;
import io.acore.events.Platform;
import io.acore.events.Stage;
import io.acore.gateway.config.GatewayConfig;
import io.acore.gateway.messaging.ChangePublisher;
import io.acore.gateway.messaging.InboundPublisher;
import io.acore.gateway.messaging.RefusalPublisher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns what a user wrote, on Discord or in the web chat, into a {@link ChatMessage} on the inbound topic, and what
 * they later did to it into a {@link MessageChange}.
 */
@ApplicationScoped
public class ChatIntake {
    /**
     * How long a Discord message waits for the broker before its member is told to try again: a web user gets the
     * 503 at once and may resend, a Discord member's message is already in the channel and is answered late rather
     * than refused.
     */
    private static final Duration DISCORD_PATIENCE = Duration.ofMinutes(10);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(10);

    private final InputSanitizer sanitizer;
    private final InboundPublisher publisher;
    private final ChangePublisher changes;
    private final UserRateLimiter rateLimiter;
    private final RefusalPublisher refusals;
    private final GatewayConfig config;

    public ChatIntake(InputSanitizer sanitizer, InboundPublisher publisher, ChangePublisher changes,
            UserRateLimiter rateLimiter, RefusalPublisher refusals, GatewayConfig config) {
        this.sanitizer = sanitizer;
        this.refusals = refusals;
        this.publisher = publisher;
        this.changes = changes;
        this.rateLimiter = rateLimiter;
        this.config = config;
    }

    /**
     * Applies the user's rate limit, validates and publishes; the Uni completes with the message once the
     * broker has it. The rate limit comes first, so a flood of invalid messages cannot make the bot talk. It is
     * decided on the calling thread (a database call of at most half a second), so a channel's messages are passed
     * on in the order they are taken in: not to be called on an event loop.
     *
     * @param platformMessageId the platform's id of the message (Discord's, or the web client's idempotency key with
     *                          its conversation and user), which the chat message's id derives from, so the same
     *                          message taken in twice is one message; null when there is none
     * @param mentionsBot       whether the message calls on the bot itself (a Discord @mention or reply)
     * @param restrictedTo      the channel whose readers alone can read the conversation, if not everyone can
     */
    public Uni<ChatMessage> accept(ConversationId conversation, String platformMessageId, Author author,
            String rawContent, String replyTo, Author replyToAuthor, boolean mentionsBot, String restrictedTo) {
        UserRateLimiter.Decision decision = rateLimiter.check(author.id());
        if (decision != UserRateLimiter.Decision.ALLOW) {
            refusals.rateLimited(conversation, author.id(), platformMessageId);
            return Uni.createFrom().failure(new MessageRejectedException(429, "You are sending messages faster than "
                    + rateLimiter.messagesPerMinute() + " a minute; please wait a little before the next one.",
                    decision == UserRateLimiter.Decision.REFUSE_AND_TELL));
        }
        Optional<MessageRejectedException> problem = problem(rawContent);
        if (problem.isPresent()) {
            return Uni.createFrom().failure(problem.get());
        }
        String content = sanitizer.clean(rawContent);
        if (content.isEmpty()) {
            return Uni.createFrom().failure(new MessageRejectedException(400, "The message is empty."));
        }
        String name = sanitizer.clean(author.name()).replace('\n', ' ');
        Author cleanAuthor = new Author(author.id(), name.isEmpty() ? author.id() : name, author.bot());
        String id = platformMessageId == null ? EventCodec.newId()
                : ChatMessage.idFor(conversation.platform(), platformMessageId);
        ChatMessage message = new ChatMessage(Event.SCHEMA_VERSION, id, EventCodec.newId(),
                conversation, conversation.platform(), conversation.channelId(), cleanAuthor, content, replyTo,
                replyToAuthor, mentionsBot, restrictedTo, Stage.GATEWAY_RECEIVED.first(Instant.now()));
        Uni<ChatMessage> published = publisher.publish(message);
        if (conversation.platform() == Platform.DISCORD) {
            // Discord took the message already: it is passed on once the broker is back, not refused
            published = published.onFailure().retry().withBackOff(FIRST_RETRY, LONGEST_RETRY)
                    .expireIn(DISCORD_PATIENCE.toMillis());
        }
        return published.onFailure().transform(unavailable -> new MessageRejectedException(503,
                "Your message could not be passed on: the message broker is not answering. Please try again shortly."));
    }

    /**
     * Passes on a member's edit of a message taken in earlier ({@code rawContent}: its text now) or its deletion
     * ({@code rawContent} null). An edit that breaks the rules a new message must keep is passed on as a deletion:
     * memory then forgets the message rather than keep what its author took back.
     */
    public Uni<Void> changed(ConversationId conversation, String platformMessageId, String rawContent) {
        String id = ChatMessage.idFor(conversation.platform(), platformMessageId);
        String cleaned = rawContent != null && problem(rawContent).isEmpty() ? sanitizer.clean(rawContent) : "";
        MessageChange.Change change = cleaned.isEmpty() ? MessageChange.Change.DELETED : MessageChange.Change.EDITED;
        String content = cleaned.isEmpty() ? null : cleaned;
        return changes.publish(new MessageChange(Event.SCHEMA_VERSION, MessageChange.idFor(id, change, content),
                EventCodec.newId(), conversation, id, change, content, Stage.GATEWAY_RECEIVED.first(Instant.now())));
    }

    /** Why a text cannot be taken in as a message: too long, or not valid text (emptiness is told once cleaned). */
    private Optional<MessageRejectedException> problem(String rawContent) {
        int limit = config.gateway().maxMessageLength();
        int length = sanitizer.length(rawContent);
        if (length > limit) {
            return Optional.of(new MessageRejectedException(413, "Your message is "
                    + length + " characters long; the limit is " + limit + ". Please shorten it."));
        }
        if (!sanitizer.isWellFormed(rawContent)) {
            return Optional.of(new MessageRejectedException(400,
                    "The message is not valid text: it has a broken character (a lone UTF-16 surrogate)."));
        }
        return Optional.empty();
    }
}
