package io.acore.persona.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acore.events.Author;
import io.acore.events.ChatMessage;
import io.acore.persona.card.CardParser;
import io.acore.persona.card.CharacterCard;
import io.acore.persona.card.PersonaCatalog;
import io.acore.persona.config.TestPersonaConfig;
import io.acore.testkit.TestEvents;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PersonaSelectorTest {
    private final AtomicLong now = new AtomicLong();
    private final TestPersonaConfig config = TestPersonaConfig.defaults()
            .withChannels(List.of("web:library=quill"), List.of("web:kitchen=marlow|juniper"), List.of("web:troll"));
    private final PersonaCatalog catalog = new PersonaCatalog(new CardParser(new ObjectMapper()), config);
    private final PersonaSelector selector = new PersonaSelector(catalog, new ChannelSettings(config, catalog),
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
        assertThat(PersonaSelector.firstMention(hal, "we shall see", false)).isEmpty();
        assertThat(PersonaSelector.firstMention(hal, "Halo is a game", false)).isEmpty();
        assertThat(PersonaSelector.firstMention(hal, "hey hal, open the door", false)).hasValue(4);
        assertThat(PersonaSelector.firstMention(hal, "ping @Hal!", false)).hasValue(5);
        assertThat(PersonaSelector.firstMention(card("Dr. Émile"), "ask dr. émile about it", false)).hasValue(4);
    }

    @Test
    void theEarliestNamedPersonaAnswersElseTheChannelDefault() {
        assertThat(answering("lobby", "ada", "Marlow, tell Quill the soup is ready")).hasValue("marlow");
        assertThat(answering("lobby", "bo", "anyone?")).hasValue("sable");
        assertThat(answering("library", "bo", "anyone?")).hasValue("quill");
    }

    @Test
    void onlyThePersonasLivingInAChannelAnswerThere() {
        assertThat(answering("kitchen", "ada", "Quill, Juniper, hello")).as("Quill does not live here").hasValue("juniper");
        assertThat(answering("kitchen", "bo", "@Sable?")).as("the first persona living here").hasValue("marlow");
        assertThat(answering("lobby", "bo", "@Quill?")).hasValue("quill");
    }

    @Test
    void settingsThatNameUnknownPersonasOrContradictEachOtherStopStartUp() {
        TestPersonaConfig unknown = TestPersonaConfig.defaults().withChannels(List.of(), List.of("web:x=nobody"), List.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ChannelSettings(unknown, catalog))
                .hasMessageContaining("names persona 'nobody', which is not loaded");
        TestPersonaConfig contradicting = TestPersonaConfig.defaults()
                .withChannels(List.of("web:x=quill"), List.of("web:x=sable"), List.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ChannelSettings(contradicting, catalog))
                .hasMessageContaining("does not allow in that channel");
    }

    @Test
    void nobodyAnswersBotsIgnoredUsersCommandsOrIgnoreTags() {
        ChatMessage fromBot = TestEvents.webMessage("lobby", "x", "Sable?");
        ChatMessage bot = new ChatMessage(fromBot.v(), fromBot.id(), fromBot.traceId(), fromBot.conversationId(),
                fromBot.source(), fromBot.channelId(), new Author("web:x", "x", true), fromBot.content(), null, null,
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
    void anAtMentionComesFirstThenTheRepliedToPersonaThenAPlainName() {
        assertThat(answering("lobby", "ada", "Marlow agrees, right @Quill?")).hasValue("quill");
        assertThat(selector.select(replyTo("Juniper", true, "Marlow said otherwise"))).map(CharacterCard::id)
                .hasValue("juniper");
        assertThat(selector.select(replyTo("Juniper", true, "what about you, @Sable?"))).map(CharacterCard::id)
                .hasValue("sable");
        assertThat(selector.select(replyTo("Juniper", false, "a person called Juniper"))).map(CharacterCard::id)
                .as("a human named like a persona is not the persona").hasValue("juniper");
        assertThat(selector.select(replyTo("Someone", true, "hm"))).map(CharacterCard::id)
                .as("not a persona's message: the sticky persona keeps the user").hasValue("juniper");
    }

    private static ChatMessage replyTo(String authorName, boolean bot, String content) {
        ChatMessage m = TestEvents.webMessage("replies", "bo", content);
        return new ChatMessage(m.v(), m.id(), m.traceId(), m.conversationId(), m.source(), m.channelId(), m.author(),
                m.content(), "platform-message-1", new Author("discord:777", authorName, bot), m.stages());
    }

    @Test
    void namingAnotherPersonaMovesTheUserToIt() {
        answering("lobby", "ada", "Juniper?");
        assertThat(answering("lobby", "ada", "Quill, a book on ferns?")).hasValue("quill");
        assertThat(answering("lobby", "ada", "thanks!")).hasValue("quill");
    }
}
