package io.acore.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.acore.devstack.DevStack;
import io.acore.devstack.Ports;
import io.acore.devstack.StackConfig;
import io.acore.devstack.StubLlmServer;
import io.acore.events.Author;
import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.events.Event;
import io.acore.events.EventCodec;
import io.acore.events.Platform;
import io.acore.events.Stage;
import io.acore.events.Topics;
import io.acore.testkit.kafka.KafkaTopics;
import io.acore.testkit.model.ModelScript;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A year of a Discord server's chat replayed as the gateway would have taken it in, each turn dated by when it was
 * written (from March 2023 to March 2024), then questions about it asked today, addressed to a persona: the prompt
 * the model receives says what day it is now, and recalls the member's old turns with the day each was written, so
 * that "When did I move to Porto?" and "How long ago did I run my first marathon?" can be answered from the prompt,
 * and "What did I adopt in May 2023?" puts what was said in May before a turn about adopting from October that shares
 * more of the question's words. The turns asked about are far older than the twenty recent turns a prompt shows: they
 * reach it only as recalls. The services run in a time zone fourteen hours ahead of UTC and two of the turns were
 * written near midnight UTC, so a day taken in the wrong zone shows.
 */
@Timeout(180)
class DatedRecallIT {
    private static final ConversationId CHANNEL = ConversationId.discord("883000000000000001", "883000000000000002");
    private static final Author TAM = new Author(Platform.DISCORD.userId("883000000000000010"), "tam", false);
    private static final List<Author> OTHERS = List.of(
            new Author(Platform.DISCORD.userId("883000000000000011"), "ann", false),
            new Author(Platform.DISCORD.userId("883000000000000012"), "bo", false),
            new Author(Platform.DISCORD.userId("883000000000000013"), "cy", false));
    /** What the member told the channel, and when: the turns the questions are about. */
    private static final Turn ADOPTED = new Turn(TAM, "We adopted a dog from the shelter today, a scruffy terrier "
            + "called Biscuit.", Instant.parse("2023-05-06T10:15:00Z"));
    private static final Turn MOVED = new Turn(TAM, "Finally moved to Porto, the new flat looks right over the river.",
            Instant.parse("2023-08-14T23:40:00Z"));
    private static final Turn MARATHON = new Turn(TAM, "Ran my first marathon this morning, in Seville. My legs are "
            + "gone.", Instant.parse("2023-12-03T00:20:00Z"));
    /**
     * Shares more words with "What did I adopt in May 2023?" than {@link #ADOPTED}: without "May 2023" it wins. The two
     * are as long, so that what a turn is worth recalled by its length does not decide between them.
     */
    private static final Turn CAT_PLANNED = new Turn(TAM, "Did I say what we decided? We will adopt a cat as well, "
            + "Biscuit won't mind.", Instant.parse("2023-10-21T18:00:00Z"));
    private static final List<String> CHATTER = List.of(
            "Did anyone catch the match on Saturday? The second half was wild.",
            "The bakery on the corner has started selling cardamom buns.",
            "My laptop fan sounds like a helicopter again.",
            "Rain all afternoon, the garden finally looks green.",
            "Finished that detective novel, the ending was a letdown.",
            "Anyone know a good podcast for long train rides?",
            "Tried making risotto tonight, it went a bit gluey.",
            "The new update moved every button in the app, again.",
            "Saw a heron by the canal on my way to work.",
            "Board game night was fun, we should do it more often.",
            "My sourdough starter is alive, somehow.",
            "The office heating is broken and everyone is in coats.",
            "Picked up a secondhand bike, the gears click a lot.",
            "That film everyone talks about was fine, nothing more.",
            "Repotted the basil, it was drowning.",
            "The power cut lasted two hours, candles everywhere.",
            "Learning to knit, the first scarf is mostly holes.",
            "Someone left a piano on the pavement outside.");
    /** How the prompt builder writes the moment a message was written. */
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);
    /** How many recent turns persona-service shows (ACORE_PERSONA_HISTORY_TURNS' default). */
    private static final int RECENT_TURNS = 20;
    private static final String RECALLS = "Earlier messages that may matter now";
    private static final ModelScript model = new ModelScript();
    private static StubLlmServer stub;
    private static DevStack stack;
    private static KafkaTopics topics;

    record Turn(Author author, String text, Instant at) {
    }

    @BeforeAll
    static void startPersonaAndMemory() throws Exception {
        Path root = Path.of(System.getProperty("acore.root", "..")).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("acore.e2e.logs", "target/e2e-logs")).resolve("dated-recall");
        stub = StubLlmServer.start(0, Duration.ofMillis(20), model);
        Map<String, String> env = Map.of("ACORE_LLM_MODEL", StubLlmServer.MODEL, "TZ", "Pacific/Kiritimati");
        stack = DevStack.start(new StackConfig(root, Map.of(StackConfig.PERSONA, Ports.free(), StackConfig.MEMORY,
                Ports.free()), 0, 0, null, stub.baseUrl(), Duration.ZERO, env, logs), System.out);
        topics = KafkaTopics.of(stack.kafkaClient());
    }

    @AfterAll
    static void stopTheStack() {
        if (topics != null) {
            topics.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (stub != null) {
            stub.close();
        }
    }

    @Test
    void questionsAskedTodayAreShownTodaysDateAndTheOldTurnsTheyAskAboutWithTheDayEachWasWritten() throws Exception {
        List<Turn> year = year();
        assertThat(year.subList(year.size() - RECENT_TURNS - 1, year.size())).as("the newest turns")
                .doesNotContain(ADOPTED, MOVED, MARATHON, CAT_PLANNED);
        topics.sendAll(Topics.CHAT_INBOUND, year.stream().map(turn -> message(turn, turn.at())).toList());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(
                DatedRecallIT::storedAndEmbedded, counts -> counts[0] == year.size() && counts[1] == year.size());
        assertThat(model.requests(StubLlmServer.RequestKind.REPLY)).as("turns nobody was asked to answer").isEmpty();

        assertRecalledWithItsDay("Sable, when did I move to Porto?", MOVED, "2023-08-14");
        List<String> adopted = assertRecalledWithItsDay("Sable, what did I adopt in May 2023?", ADOPTED,
                "2023-05-06");
        assertThat(adopted).as("what was said in the month asked about comes first")
                .containsSubsequence(line(ADOPTED, "2023-05-06"), line(CAT_PLANNED, "2023-10-21"));
        assertRecalledWithItsDay("Sable, how long ago did I run my first marathon?", MARATHON, "2023-12-03");
    }

    /**
     * Asks the question now and checks its prompt: it says the day and time it was asked, and among the recalls is
     * the turn it is about, written on {@code day}, that recent history does not show. Returns the recalled lines.
     */
    private static List<String> assertRecalledWithItsDay(String question, Turn evidence, String day) {
        Instant asked = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        topics.send(Topics.CHAT_INBOUND, message(new Turn(TAM, question, asked), asked));
        JsonNode prompt = awaitPrompt(question);
        String system = prompt.path("messages").path(0).path("content").asText();
        System.out.printf("%s%n%s%n", question, section(system, RECALLS));

        assertThat(system).as("the day and time it is, for %s", question)
                .contains("\n\nIt is now " + WHEN.format(asked) + ".");
        List<String> recalls = section(system, RECALLS).lines().toList();
        assertThat(recalls).as("the recalls for %s", question).contains(line(evidence, day));
        List<String> history = history(prompt);
        assertThat(history).as("recent history for %s", question).hasSize(RECENT_TURNS);
        assertThat(String.join("\n", history)).as("recent history for %s", question).doesNotContain(evidence.text());
        return recalls;
    }

    /** A recalled turn as the prompt shows it: the day it was written, who wrote it, what they wrote. */
    private static String line(Turn turn, String day) {
        return "- [" + day + "] " + turn.author().name() + ": \"" + turn.text() + "\"";
    }

    /**
     * Chatter every four days from March 2023 to March 2024, mostly by other members, with the member's four
     * turns on days of their own among it, oldest first.
     */
    private static List<Turn> year() {
        List<Turn> turns = new ArrayList<>();
        int n = 0;
        for (LocalDate day = LocalDate.of(2023, 3, 1); day.isBefore(LocalDate.of(2024, 4, 1)); day = day.plusDays(4)) {
            Author author = n % 4 == 3 ? TAM : OTHERS.get(n % 3);
            turns.add(new Turn(author, CHATTER.get(n % CHATTER.size()),
                    day.atTime(9 + n % 12, 5 * (n % 12)).toInstant(ZoneOffset.UTC)));
            n++;
        }
        turns.addAll(List.of(ADOPTED, MOVED, CAT_PLANNED, MARATHON));
        turns.sort((one, other) -> one.at().compareTo(other.at()));
        return turns;
    }

    /** A message as the gateway publishes it, taken in at {@code at}; none names a persona but the questions. */
    private static ChatMessage message(Turn turn, Instant at) {
        return new ChatMessage(Event.SCHEMA_VERSION, EventCodec.newId(), EventCodec.newId(), CHANNEL,
                CHANNEL.platform(), CHANNEL.channelId(), turn.author(), turn.text(), null, null, false, null,
                Stage.GATEWAY_RECEIVED.first(at));
    }

    private static long[] storedAndEmbedded() throws SQLException {
        try (Connection connection = stack.openDatabase();
                PreparedStatement count = connection.prepareStatement("SELECT count(*), count(*) FILTER (WHERE "
                        + "embedded) FROM conversation_message WHERE conversation_id = ?")) {
            count.setString(1, CHANNEL.toString());
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return new long[] {row.getLong(1), row.getLong(2)};
            }
        }
    }

    /** The reply prompt whose last user turn is this message, as the model received it. */
    private static JsonNode awaitPrompt(String message) {
        List<JsonNode> prompts = await().atMost(Duration.ofSeconds(30)).until(() -> model.promptsFor(message),
                found -> !found.isEmpty());
        assertThat(prompts).as("prompts for %s", message).hasSize(1);
        return prompts.get(0);
    }

    /** The user and assistant turns before the message answered. */
    private static List<String> history(JsonNode request) {
        List<String> turns = new ArrayList<>();
        for (JsonNode turn : request.path("messages")) {
            if (List.of("user", "assistant").contains(turn.path("role").asText())) {
                turns.add(turn.path("content").asText());
            }
        }
        return turns.subList(0, turns.size() - 1);
    }

    /** The lines of one section of the system prompt's memory block; empty when there is no such section. */
    private static String section(String system, String title) {
        int start = system.indexOf("\n## " + title + "\n");
        if (start < 0) {
            return "";
        }
        String rest = system.substring(start + title.length() + 5);
        int end = rest.indexOf("\n## ");
        return end >= 0 ? rest.substring(0, end) : rest.substring(0, Math.max(0, rest.indexOf("</memory>")));
    }
}
