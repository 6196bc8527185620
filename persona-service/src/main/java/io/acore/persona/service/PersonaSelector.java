package io.acore.persona.service;

import io.acore.events.ChatMessage;
import io.acore.persona.config.PersonaConfig;
import io.acore.persona.repository.CharacterCard;
import io.acore.persona.repository.PersonaCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether and which persona answers a message, in this order: nobody answers bots, ignored users,
 * commands for other bots or messages marked {@code #ignore}; a persona named in the message (by name or
 * {@code @name}, as a whole word: "shall" does not call "Hal"; the earliest one named wins); the persona this
 * user named recently in this conversation (see {@link StickyConversations}); else the channel's default.
 */
@ApplicationScoped
public class PersonaSelector {
    private static final String IGNORE_TAG = "#ignore";

    private final PersonaCatalog catalog;
    private final ChannelDefaults defaults;
    private final StickyConversations sticky;
    private final Set<String> ignoredUsers;
    private final List<String> commandPrefixes;

    public PersonaSelector(PersonaCatalog catalog, ChannelDefaults defaults, StickyConversations sticky,
            PersonaConfig config) {
        this.catalog = catalog;
        this.defaults = defaults;
        this.sticky = sticky;
        this.ignoredUsers = Set.copyOf(config.ignoredUsers().orElse(List.of()));
        this.commandPrefixes = config.commandPrefixes().stream().filter(p -> !p.isBlank()).toList();
    }

    public Optional<CharacterCard> select(ChatMessage message) {
        if (!addressable(message)) {
            return Optional.empty();
        }
        String conversation = message.conversationId();
        String author = message.author().id();
        Optional<CharacterCard> named = firstNamed(message.content());
        named.ifPresent(card -> sticky.named(conversation, author, card.id()));
        return named
                .or(() -> sticky.current(conversation, author).flatMap(catalog::find))
                .or(() -> catalog.find(defaults.personaFor(conversation)));
    }

    private boolean addressable(ChatMessage message) {
        String content = message.content().strip();
        return !message.author().bot()
                && !ignoredUsers.contains(message.author().id())
                && commandPrefixes.stream().noneMatch(content::startsWith)
                && !content.toLowerCase(Locale.ROOT).contains(IGNORE_TAG);
    }

    private Optional<CharacterCard> firstNamed(String content) {
        record Hit(CharacterCard card, int at) {
        }
        return catalog.all().stream()
                .flatMap(card -> firstMention(card, content).stream().mapToObj(at -> new Hit(card, at)))
                .min(Comparator.comparingInt(Hit::at))
                .map(Hit::card);
    }

    static OptionalInt firstMention(CharacterCard card, String content) {
        Matcher matcher = mentionPattern(card.name()).matcher(content);
        return matcher.find() ? OptionalInt.of(matcher.start()) : OptionalInt.empty();
    }

    private static Pattern mentionPattern(String name) {
        return Pattern.compile("(?<![\\p{L}\\p{N}_])@?" + Pattern.quote(name) + "(?![\\p{L}\\p{N}_])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
