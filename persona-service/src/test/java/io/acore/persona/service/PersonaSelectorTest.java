package io.acore.persona.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acore.devstack.quarkus.TestEvents;
import io.acore.events.Author;
import io.acore.events.ChatMessage;
import io.acore.persona.config.TestPersonaConfig;
import io.acore.persona.repository.CardParser;
import io.acore.persona.repository.CharacterCard;
import io.acore.persona.repository.PersonaCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PersonaSelectorTest {
    private final AtomicLong now = new AtomicLong();
    private final TestPersonaConfig config = TestPersonaConfig.defaults()
            .withChannelDefaults(List.of("web:library=quill"), List.of("web:troll"));
    private final PersonaCatalog catalog = new PersonaCatalog(new CardParser(new ObjectMapper()), config);
    private final PersonaSelector selector = new PersonaSelector(catalog, new ChannelDefaults(config, catalog),
            new StickyConversations(Duration.ofMinutes(5), now::get), config);

    private static CharacterCard card(String name) {
        return new CharacterCard(name.toLowerCase(), name, "", "", "", "", "", "", "", null, List.of(), List.of(), 4);
    }

    private Optional<String> answering(String channel, String user, String content) {
        return selector.select(TestEvents.webMessage(channel, user, content)).map(CharacterCard::id);
    }

    private void minutesPass(double minutes) {
        now.addAndGet((long) (minutes * 60e9));
    }

    @Test
    void findsANameAsAWholeWordOnly() {
        CharacterCard hal = card("Hal");
        assertThat(PersonaSelector.firstMention(hal, "we shall see")).isEmpty();
        assertThat(PersonaSelector.firstMention(hal, "Halo is a game")).isEmpty();
        assertThat(PersonaSelector.firstMention(hal, "hey hal, open the door")).hasValue(4);
        assertThat(PersonaSelector.firstMention(hal, "ping @Hal!")).hasValue(5);
        assertThat(PersonaSelector.firstMention(card("Dr. Émile"), "ask dr. émile about it")).hasValue(4);
    }

    @Test
    void theEarliestNamedPersonaAnswersElseTheChannelDefault() {
        assertThat(answering("lobby", "ada", "Marlow, tell Quill the soup is ready")).hasValue("marlow");
        assertThat(answering("lobby", "bo", "anyone?")).hasValue("sable");
        assertThat(answering("library", "bo", "anyone?")).hasValue("quill");
    }

    @Test
    void nobodyAnswersBotsIgnoredUsersCommandsOrIgnoreTags() {
        ChatMessage fromBot = TestEvents.webMessage("lobby", "x", "Sable?");
        ChatMessage bot = new ChatMessage(fromBot.v(), fromBot.id(), fromBot.traceId(), fromBot.conversationId(),
                fromBot.source(), fromBot.channelId(), new Author("web:x", "x", true), fromBot.content(), null,
                fromBot.stages());
        assertThat(selector.select(bot)).isEmpty();
        assertThat(answering("lobby", "troll", "Sable!")).isEmpty();
        assertThat(answering("lobby", "ada", "!roll d20")).isEmpty();
        assertThat(answering("lobby", "ada", "Sable, ignore this #IGNORE")).isEmpty();
    }

    @Test
    void theNamedPersonaKeepsTheUserForAWindowThatAnsweringDoesNotExtend() {
        assertThat(answering("lobby", "ada", "Juniper, cactus help?")).hasValue("juniper");
        minutesPass(4);
        assertThat(answering("lobby", "ada", "and how often do I water it?")).hasValue("juniper");
        assertThat(answering("lobby", "bo", "hello?")).as("only for the user it was talking to").hasValue("sable");
        assertThat(answering("garden", "ada", "hello?")).as("only in that conversation").hasValue("sable");
        minutesPass(1.1);
        assertThat(answering("lobby", "ada", "still there?")).hasValue("sable");
    }

    @Test
    void namingAnotherPersonaMovesTheUserToIt() {
        answering("lobby", "ada", "Juniper?");
        assertThat(answering("lobby", "ada", "Quill, a book on ferns?")).hasValue("quill");
        assertThat(answering("lobby", "ada", "thanks!")).hasValue("quill");
    }
}
