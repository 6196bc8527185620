package io.acore.persona.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acore.events.Author;
import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.persona.card.CardParser;
import io.acore.persona.card.CharacterCard;
import io.acore.persona.card.Lorebook;
import io.acore.persona.card.PersonaCatalog;
import io.acore.persona.config.TestPersonaConfig;
import io.acore.persona.repository.ServerSettingsStore;
import io.acore.testkit.TestEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PersonaSelectorTest {
    private static final String HOME = "discord:10:30";
    private static final ConversationId GENERAL = ConversationId.discord("10", "20");
    /** When the test's messages are written: the window is counted in the messages' own times. */
    private Instant now = Instant.parse("2026-06-01T12:00:00Z");
    private final TestPersonaConfig config = TestPersonaConfig.defaults()
            .withChannels(List.of("web:library=quill", HOME + "=quill"), List.of("web:kitchen=marlow|juniper"),
                    List.of("web:troll"));
    private final PersonaCatalog catalog = new PersonaCatalog(new CardParser(new ObjectMapper()), config);
    private final ServerPersonas servers = new ServerPersonas(catalog, new CardParser(new ObjectMapper()),
            new ServerSettingsStore(null) {
                @Override
                public long versionOf(String guildId) {
                    return 0; // no server's settings were ever changed from Discord
                }
            }, config);
    private final PersonaSelector selector = new PersonaSelector(servers, new ChannelSettings(config, catalog, servers),
            new StickyConversations(Duration.ofMinutes(5), Optional.empty(), new SimpleMeterRegistry()), config);

    private static CharacterCard card(String name) {
        return new CharacterCard(name.toLowerCase(), name, "", "", "", "", "", "", "", null, List.of(), Lorebook.NONE, null);
    }

    private Optional<String> answering(String channel, String user, String content) {
        return selector.select(TestEvents.writtenAt(now, TestEvents.webMessage(channel, user, content)))
                .map(CharacterCard::id);
    }

    private void minutesPass(double minutes) {
        now = now.plusMillis((long) (minutes * 60_000));
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
        minutesPass(6);
        assertThat(answering("lobby", "bo", "anyone?")).hasValue("sable");
        assertThat(answering("library", "bo", "anyone?")).hasValue("quill");
    }

    @Test
    void onlyThePersonasLivingInAChannelAnswerThere() {
        assertThat(answering("kitchen", "ada", "Quill, Juniper, hello")).as("Quill does not live here").hasValue("juniper");
        minutesPass(6);
        assertThat(answering("kitchen", "bo", "@Sable?")).as("the first persona living here").hasValue("marlow");
        assertThat(answering("lobby", "bo", "@Quill?")).hasValue("quill");
    }

    @Test
    void settingsThatNameUnknownPersonasOrContradictEachOtherStopStartUp() {
        TestPersonaConfig unknown = TestPersonaConfig.defaults().withChannels(List.of(), List.of("web:x=nobody"), List.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ChannelSettings(unknown, catalog, servers))
                .hasMessageContaining("names persona 'nobody', which is not loaded");
        TestPersonaConfig contradicting = TestPersonaConfig.defaults()
                .withChannels(List.of("web:x=quill"), List.of("web:x=sable"), List.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ChannelSettings(contradicting, catalog, servers))
                .hasMessageContaining("does not allow in that channel");
    }

    @Test
    void nobodyAnswersBotsIgnoredUsersCommandsOrIgnoreTags() {
        ChatMessage fromBot = TestEvents.webMessage("lobby", "x", "Sable?");
        ChatMessage bot = new ChatMessage(fromBot.v(), fromBot.id(), fromBot.traceId(), fromBot.conversationId(),
                fromBot.source(), fromBot.channelId(), new Author("web:x", "x", true), fromBot.content(), null, null, false, null,
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
        assertThat(answering("lobby", "bo", "hello?")).as("where every message is answered, the conversation's persona")
                .hasValue("juniper");
        assertThat(answering("garden", "ada", "hello?")).as("only in that conversation").hasValue("sable");
        minutesPass(1.1);
        assertThat(answering("lobby", "ada", "still there?")).hasValue("sable");
        assertThat(answering("lobby", "bo", "hello again?")).hasValue("sable");
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

    private Optional<String> inServer(ConversationId conversation, String user, String content, boolean mentionsBot) {
        ChatMessage m = TestEvents.writtenAt(now, TestEvents.discordMessage(conversation, user, "member" + user, content));
        return selector.select(new ChatMessage(m.v(), m.id(), m.traceId(), m.conversationId(), m.source(),
                m.channelId(), m.author(), m.content(), null, null, mentionsBot, null, m.stages())).map(CharacterCard::id);
    }

    @Test
    void inAServerChannelAMessageThatCallsNobodyIsNotAnswered() {
        assertThat(inServer(GENERAL, "1", "anyone seen the match last night?", false)).isEmpty();
        assertThat(inServer(GENERAL, "1", "we shall see", false)).as("a name inside a word calls nobody").isEmpty();
        assertThat(inServer(GENERAL, "1", "Marlow, did you?", false)).hasValue("marlow");
        assertThat(inServer(GENERAL, "2", "@acore is anyone there?", true)).as("the bot called: the default answers")
                .hasValue("sable");
    }

    @Test
    void everyMessageIsAnsweredInDirectMessagesTheWebChatAndAHomeChannel() {
        assertThat(inServer(ConversationId.discordDirect("40"), "1", "hi", false)).hasValue("sable");
        assertThat(inServer(ConversationId.fromString(HOME), "1", "hi", false)).hasValue("quill");
        assertThat(inServer(ConversationId.fromString(HOME), "1", "Marlow?", false)).hasValue("marlow");
        assertThat(answering("lobby", "ada", "hi")).hasValue("sable");
    }

    @Test
    void inAServerThePersonaKeepsTalkingOnlyWithTheMemberItWasTalkingToForItsWindow() {
        assertThat(inServer(GENERAL, "1", "Juniper, my cactus is wilting", false)).hasValue("juniper");
        minutesPass(3);
        assertThat(inServer(GENERAL, "1", "should I water it more?", false)).hasValue("juniper");
        assertThat(inServer(GENERAL, "2", "should I water mine?", false)).as("another member").isEmpty();
        assertThat(inServer(ConversationId.discord("10", "21"), "1", "hello?", false)).as("another channel").isEmpty();
        minutesPass(2.1);
        assertThat(inServer(GENERAL, "1", "it is better now", false)).as("answering did not extend the window").isEmpty();

        assertThat(inServer(GENERAL, "3", "@acore hello", true)).hasValue("sable");
        assertThat(inServer(GENERAL, "3", "how are you?", false)).as("the bot called keeps the member too").hasValue("sable");
        assertThat(inServer(GENERAL, "3", "Quill, and you?", false)).hasValue("quill");
        assertThat(inServer(GENERAL, "3", "@acore still there?", true)).as("the bot called goes on with Quill")
                .hasValue("quill");
    }

    private ChatMessage replyTo(String authorName, boolean bot, String content) {
        ChatMessage m = TestEvents.writtenAt(now, TestEvents.webMessage("replies", "bo", content));
        return new ChatMessage(m.v(), m.id(), m.traceId(), m.conversationId(), m.source(), m.channelId(), m.author(),
                m.content(), "platform-message-1", new Author("discord:777", authorName, bot), false, null, m.stages());
    }

    @Test
    void namingAnotherPersonaMovesTheUserToIt() {
        answering("lobby", "ada", "Juniper?");
        assertThat(answering("lobby", "ada", "Quill, a book on ferns?")).hasValue("quill");
        assertThat(answering("lobby", "ada", "thanks!")).hasValue("quill");
    }
}
