package io.acore.persona.service;

import io.acore.events.Author;
import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.persona.card.CharacterCard;
import io.acore.persona.config.PersonaConfig;
import io.acore.persona.turns.Volunteers;
import io.acore.persona.turns.Volunteers.Candidate;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether and which persona answers a message. Nobody answers bots, ignored users, commands for other bots
 * or messages marked {@code #ignore}. A persona answers when called: @mentioned, its message replied to, or named
 * as a whole word ("shall" does not call "Hal"; the earliest named wins), and then keeps the user for a while
 * ({@link StickyConversations}). A message that calls nobody goes to the persona the user is talking to (where every
 * message is answered, the one the conversation is with); else, when
 * it calls on the bot itself or its conversation answers every message (direct messages, the web chat, a
 * persona's home channel: {@link ChannelSettings#answersEveryMessage}), to the channel's default; else a persona
 * whose talkativeness there lets it may speak up unasked ({@link Volunteers}), or nobody answers it. Only personas that live in the channel are considered.
 */
@ApplicationScoped
public class PersonaSelector {
    private static final String IGNORE_TAG = "#ignore";
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private final ServerPersonas servers;
    private final ChannelSettings channels;
    private final StickyConversations sticky;
    private final Set<String> ignoredUsers;
    private final List<String> commandPrefixes;

    public PersonaSelector(ServerPersonas servers, ChannelSettings channels, StickyConversations sticky,
            PersonaConfig config) {
        this.servers = servers;
        this.channels = channels;
        this.sticky = sticky;
        this.ignoredUsers = Set.copyOf(config.ignoredUsers().orElse(List.of()));
        this.commandPrefixes = config.commandPrefixes().stream().filter(p -> !p.isBlank()).toList();
    }

    public Optional<CharacterCard> select(ChatMessage message) {
        if (!mayAnswer(message)) {
            return Optional.empty();
        }
        ConversationId conversation = message.conversationId();
        servers.catchUp(conversation);
        Optional<CharacterCard> called = firstNamed(conversation, message.content(), true)
                .or(() -> repliedTo(message))
                .or(() -> firstNamed(conversation, message.content(), false));
        if (called.isPresent()) {
            sticky.named(message, called.get().id());
            return called;
        }
        boolean answersEveryMessage = channels.answersEveryMessage(conversation);
        Optional<CharacterCard> talkingTo = sticky.current(message, answersEveryMessage)
                .flatMap(persona -> servers.find(conversation, persona))
                .filter(card -> channels.allows(conversation, card.id()));
        if (message.mentionsBot()) {
            Optional<CharacterCard> answering = talkingTo.or(() -> servers.find(conversation, channels.personaFor(conversation)));
            answering.ifPresent(card -> sticky.named(message, card.id()));
            return answering;
        }
        return talkingTo.or(() -> answersEveryMessage ? servers.find(conversation, channels.personaFor(conversation))
                : Volunteers.choose(message.id(), message.content(), servers.cardsIn(conversation).stream()
                        .filter(card -> channels.allows(conversation, card.id()))
                        .map(card -> new Candidate(card, channels.talkativeness(conversation, card.id()).value()))
                        .toList()));
    }

    /** On Discord a persona's message shows the persona's name (through the webhook), from a bot author. */
    private Optional<CharacterCard> repliedTo(ChatMessage message) {
        Author answered = message.replyToAuthor();
        if (answered == null || !answered.bot()) {
            return Optional.empty();
        }
        return servers.cardsIn(message.conversationId()).stream()
                .filter(card -> card.name().equalsIgnoreCase(answered.name()))
                .filter(card -> channels.allows(message.conversationId(), card.id())).findFirst();
    }

    /** Whether any persona may answer this author and message (not a bot, ignored user, command or #ignore). */
    public boolean mayAnswer(ChatMessage message) {
        String content = message.content().strip();
        return !message.author().bot()
                && !ignoredUsers.contains(message.author().id())
                && commandPrefixes.stream().noneMatch(content::startsWith)
                && !content.toLowerCase(Locale.ROOT).contains(IGNORE_TAG);
    }

    private Optional<CharacterCard> firstNamed(ConversationId conversationId, String content, boolean atMentionOnly) {
        record Hit(CharacterCard card, int at) {
        }
        return servers.cardsIn(conversationId).stream()
                .filter(card -> channels.allows(conversationId, card.id()))
                .flatMap(card -> firstMention(card, content, atMentionOnly).stream().mapToObj(at -> new Hit(card, at)))
                .min(Comparator.comparingInt(Hit::at))
                .map(Hit::card);
    }

    static OptionalInt firstMention(CharacterCard card, String content, boolean atMentionOnly) {
        Matcher matcher = mentionPattern(card.name(), atMentionOnly).matcher(content);
        return matcher.find() ? OptionalInt.of(matcher.start()) : OptionalInt.empty();
    }

    private static Pattern mentionPattern(String name, boolean atMentionOnly) {
        String prefix = atMentionOnly ? "@" : "@?";
        return PATTERNS.computeIfAbsent(prefix + name, key -> Pattern.compile("(?<![\\p{L}\\p{N}_])" + prefix
                + Pattern.quote(name) + "(?![\\p{L}\\p{N}_])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }
}
