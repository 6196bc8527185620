package io.acore.persona.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acore.events.Author;
import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.persona.card.CardParser;
import io.acore.persona.card.CharacterCard;
import io.acore.persona.card.PersonaCatalog;
import io.acore.persona.config.TestPersonaConfig;
import io.acore.persona.repository.ServerSettingsStore;
import io.acore.testkit.TestEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Turn-taking over many random channels, messages and settings: a message gets at most one persona, the same on
 * every replica; talkativeness 0 never speaks up and a persona outside the channel never does; no other bot is
 * ever answered.
 */
class TurnTakingPropertyTest {
    private static final int RUNS = 3_000;
    private static final List<String> WORDS = List.of("lighthouse", "storm", "books", "tides", "soup", "kitchen",
            "garden", "cactus", "hello", "anyone", "weather", "dinner", "library", "music", "the", "and", "maybe");
    private final Random random = new Random(20261205);
    private final TestPersonaConfig config = TestPersonaConfig.defaults();
    private final PersonaCatalog catalog = new PersonaCatalog(new CardParser(new ObjectMapper()), config);
    private final List<String> personas = catalog.all().stream().map(CharacterCard::id).toList();

    /** Settings the test writes, as the database would give them: talkativeness and who lives in each channel. */
    private final Map<String, ServerSettingsStore.StoredSettings> stored = new HashMap<>();

    private final ServerSettingsStore store = new ServerSettingsStore(null) {
        @Override
        public ServerSettingsStore.StoredSettings load(String guildId) {
            return stored.get(guildId);
        }

        @Override
        public long versionOf(String guildId) {
            return stored.get(guildId).version();
        }
    };

    private PersonaSelector replica(ServerPersonas servers) {
        return new PersonaSelector(servers, new ChannelSettings(config, catalog, servers),
                new StickyConversations(Duration.ofMinutes(5), Optional.empty(), new SimpleMeterRegistry()), config);
    }

    @Test
    void aMessageGetsAtMostOnePersonaTheSameOnEveryReplicaAndNeverOneThatMayNotSpeak() {
        int volunteered = 0;
        for (int run = 0; run < RUNS; run++) {
            String guild = Long.toString(1000 + run);
            ConversationId channel = ConversationId.discord(guild, "1");
            List<String> living = personas.stream().filter(p -> random.nextInt(3) > 0).toList();
            Map<String, Integer> talkativeness = new HashMap<>();
            living.forEach(p -> talkativeness.put(p, random.nextInt(4) == 0 ? 0 : random.nextInt(101)));
            stored.put(guild, new ServerSettingsStore.StoredSettings(guild, 0, List.of(),
                    living.isEmpty() ? Map.of() : Map.of(channel, living), Map.of(), Map.of(channel, talkativeness),
                    Map.of(), Map.of()));
            ServerPersonas one = new ServerPersonas(catalog, new CardParser(new ObjectMapper()), store, config);
            ServerPersonas other = new ServerPersonas(catalog, new CardParser(new ObjectMapper()), store, config);
            one.reload(guild);
            other.reload(guild);

            ChatMessage message = TestEvents.discordMessage(channel, Integer.toString(run), "member", sentence());
            Optional<String> first = replica(one).select(message).map(CharacterCard::id);
            Optional<String> second = replica(other).select(message).map(CharacterCard::id);

            assertThat(second).as("the same on another replica").isEqualTo(first);
            first.ifPresent(persona -> {
                assertThat(living.isEmpty() ? personas : living).as("lives in the channel").contains(persona);
                assertThat(talkativeness.getOrDefault(persona, 0)).as("speaks up only when talkative").isPositive();
            });
            volunteered += first.isPresent() ? 1 : 0;

            ChatMessage fromABot = new ChatMessage(message.v(), message.id(), message.traceId(), channel,
                    message.source(), message.channelId(), new Author("discord:42", "otherbot", true),
                    message.content() + " " + catalog.all().iterator().next().name(), null, null, true, null,
                    message.stages());
            assertThat(replica(one).select(fromABot)).as("another bot is never answered").isEmpty();
        }
        assertThat(volunteered).as("some messages are answered unasked, most are not").isBetween(RUNS / 20, RUNS / 2);
    }

    private String sentence() {
        StringBuilder text = new StringBuilder();
        for (int i = 0, n = 2 + random.nextInt(8); i < n; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
        }
        return text.toString();
    }
}
