package io.acore.persona.service;

import io.acore.events.ChatMessage;
import io.acore.persona.repository.CharacterCard;
import io.acore.persona.repository.PersonaCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which persona answers a message: nobody answers bots; otherwise the persona named earliest in the
 * message (by name or {@code @name}, as a whole word: "shall" does not call "Hal"), else the channel's default.
 */
@ApplicationScoped
public class PersonaSelector {
    private final PersonaCatalog catalog;
    private final ChannelDefaults defaults;

    public PersonaSelector(PersonaCatalog catalog, ChannelDefaults defaults) {
        this.catalog = catalog;
        this.defaults = defaults;
    }

    public Optional<CharacterCard> select(ChatMessage message) {
        if (message.author().bot()) {
            return Optional.empty();
        }
        record Hit(CharacterCard card, int at) {
        }
        Optional<CharacterCard> named = catalog.all().stream()
                .map(card -> firstMention(card, message.content()).stream().mapToObj(at -> new Hit(card, at)).findFirst())
                .flatMap(Optional::stream)
                .min(Comparator.comparingInt(Hit::at))
                .map(Hit::card);
        return named.or(() -> catalog.find(defaults.personaFor(message.conversationId())));
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
