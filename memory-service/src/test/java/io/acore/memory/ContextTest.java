package io.acore.memory;

import static io.acore.memory.ServiceCalls.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;

import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.events.Topics;
import io.acore.events.api.ContextRequest;
import io.acore.events.api.MemoryContext;
import io.acore.events.api.Recall;
import io.acore.memory.recall.RecallIndex;
import io.acore.memory.recall.ScoredId;
import io.acore.memory.service.MemoryScope;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.TestEvents;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.kafka.KafkaTopics;
import io.acore.testkit.postgres.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ContextTest {
    /** Each test's own servers, so that no test's word statistics depend on what another wrote before it. */
    private static final AtomicLong SERVERS = new AtomicLong(700_000_000_000_000_000L);
    private final String guild = String.valueOf(SERVERS.incrementAndGet());
    private final String otherGuild = String.valueOf(SERVERS.incrementAndGet());
    private static final String NOA = "800000000000000001";
    private static final String OWEN = "800000000000000002";
    private static final String NADIA = "800000000000000003";
    private static final String ASH = "800000000000000004";

    @InjectTestResource
    KafkaTopics topics;

    @Inject
    RecallIndex index;


    @Test
    void anOldStatementFarBeyondTheRecentTurnsIsRecalledWhenItMatters() {
        ConversationId channel = ConversationId.discord(guild, "710000000000000001");
        topics.send(Topics.CHAT_INBOUND, TestEvents.discordMessage(channel, NOA, "Noa",
                "My sister Marguerite moved to Lisbon last spring, she teaches violin there."));
        for (int i = 0; i < 60; i++) {
            topics.send(Topics.CHAT_INBOUND, TestEvents.discordMessage(channel, NOA, "Noa",
                    "Turn " + i + ": the weather is grey again and the tea has gone cold."));
        }
        ChatMessage question = TestEvents.discordMessage(channel, NOA, "Noa", "Which city does my sister live in now?");
        topics.send(Topics.CHAT_INBOUND, question);

        MemoryContext context = await().atMost(Duration.ofSeconds(60)).until(() -> context(question, 400),
                found -> found.recalls().stream().anyMatch(r -> r.content().contains("Lisbon")));

        assertThat(context.recent()).isNotEmpty().noneMatch(turn -> turn.id().equals(question.id()));
        assertThat(context.recent()).noneMatch(turn -> turn.content().contains("Lisbon"));
        assertThat(context.recalls()).hasSizeLessThanOrEqualTo(10);
        Recall recalled = context.recalls().stream().filter(r -> r.content().contains("Lisbon")).findFirst().orElseThrow();
        assertThat(recalled.kind()).isEqualTo("message");
        assertThat(recalled.source()).isEqualTo("Noa");
    }

    @Test
    void nothingIsRecalledAcrossServersDirectMessagesOrWebSessions() {
        ConversationId dm = ConversationId.discordDirect("720000000000000001");
        ConversationId otherServer = ConversationId.discord(otherGuild, "720000000000000002");
        ConversationId web = ConversationId.web("quinces");
        topics.send(Topics.CHAT_INBOUND, TestEvents.discordMessage(dm, NOA, "Noa",
                "Secret: I am planning a surprise party with quince tarts for Ilse."));
        topics.send(Topics.CHAT_INBOUND, TestEvents.discordMessage(otherServer, NOA, "Noa",
                "In this server I only ever talk about quince tarts and surprise parties."));
        ChatMessage inWeb = TestEvents.webMessage("quinces", "noa", "Quince tarts for a surprise party, noted.");
        topics.send(Topics.CHAT_INBOUND, inWeb);
        ChatMessage dmQuestion = TestEvents.discordMessage(dm, NOA, "Noa", "What was I planning with quince tarts?");
        topics.send(Topics.CHAT_INBOUND, dmQuestion);
        await().atMost(Duration.ofSeconds(60)).until(() -> context(dmQuestion, 0),
                found -> found.recalls().stream().anyMatch(r -> r.content().contains("Ilse")));

        ConversationId server = ConversationId.discord(guild, "720000000000000003");
        ChatMessage serverQuestion = TestEvents.discordMessage(server, NOA, "Noa",
                "What was I planning with quince tarts and the surprise party?");
        topics.send(Topics.CHAT_INBOUND, serverQuestion);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/conversations/{id}/messages", server.toString()).then().body("$", hasSize(1)));

        assertThat(recalledTexts(context(serverQuestion, 0))).noneMatch(text -> text.contains("quince"));
        assertThat(recalledTexts(context(dmQuestion, 0))).noneMatch(text -> text.contains("In this server"))
                .noneMatch(text -> text.contains("noted"));
    }

    @Test
    void aPersonaRecallsNothingSaidInAChannelItDoesNotLiveIn() {
        ConversationId garden = ConversationId.discord(guild, "726000000000000001");
        ConversationId lab = ConversationId.discord(guild, "726000000000000002");
        ConversationId square = ConversationId.discord(guild, "726000000000000003");
        topics.send(Topics.CHAT_INBOUND, TestEvents.discordMessage(garden, NADIA, "Nadia",
                "The spare key hangs behind the barometer in the potting shed."));
        topics.send(Topics.CHAT_INBOUND, TestEvents.discordMessage(lab, NADIA, "Nadia",
                "The spare key hangs behind the barometer in the cold room."));
        ChatMessage question = TestEvents.discordMessage(square, NADIA, "Nadia",
                "Where does the spare key hang, behind which barometer?");
        topics.send(Topics.CHAT_INBOUND, question);
        await().atMost(Duration.ofSeconds(60)).until(() -> recalledTexts(context(question, 0, List.of())),
                texts -> texts.stream().anyMatch(text -> text.contains("potting shed"))
                        && texts.stream().anyMatch(text -> text.contains("cold room")));

        assertThat(recalledTexts(context(question, 0, List.of(lab)))).as("a persona that does not live in the lab")
                .anyMatch(text -> text.contains("potting shed")).noneMatch(text -> text.contains("cold room"));
        ChatMessage sameWords = TestEvents.discordMessage(square, NADIA, "Nadia", "cold room barometer spare key");
        assertThat(recalledTexts(context(sameWords, 0, List.of(lab)))).noneMatch(text -> text.contains("cold room"));
    }

    @Test
    void whatIsSaidWhereOnlySomeCanReadIsRecalledOnlyThere() {
        ConversationId staff = ConversationId.discord(guild, "725000000000000001");
        ConversationId staffThread = ConversationId.discord(guild, "725000000000000002");
        ConversationId general = ConversationId.discord(guild, "725000000000000003");
        String staffOnly = "725000000000000001";
        topics.send(Topics.CHAT_INBOUND, TestEvents.restrictedTo(staffOnly, TestEvents.discordMessage(staff, NOA, "Noa",
                "Between us: the server moves to the new host on the ninth, keep the migration quiet.")));
        ChatMessage inThread = TestEvents.restrictedTo(staffOnly, TestEvents.discordMessage(staffThread, NOA, "Noa",
                "When does the server move to the new host?"));
        topics.send(Topics.CHAT_INBOUND, inThread);
        await().atMost(Duration.ofSeconds(60)).until(() -> context(inThread, 0),
                found -> found.recalls().stream().anyMatch(r -> r.content().contains("ninth")));

        ChatMessage inGeneral = TestEvents.discordMessage(general, NOA, "Noa",
                "When does the server move to the new host? Any migration planned?");
        topics.send(Topics.CHAT_INBOUND, inGeneral);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/conversations/{id}/messages", general.toString()).then().body("$", hasSize(1)));
        assertThat(recalledTexts(context(inGeneral, 0))).as("asked where everyone reads, by one who can read both")
                .noneMatch(text -> text.contains("ninth") || text.contains("new host"));
    }

    @Test
    void recentTurnsStayWithinTheTokenBudgetNewestKept() {
        ConversationId channel = ConversationId.discord(guild, "730000000000000001");
        for (int i = 0; i < 10; i++) {
            topics.send(Topics.CHAT_INBOUND, TestEvents.discordMessage(channel, NOA, "Noa", "line " + i + " " + "x".repeat(60)));
        }
        ChatMessage question = TestEvents.discordMessage(channel, NOA, "Noa", "and now?");
        topics.send(Topics.CHAT_INBOUND, question);
        // the budget persona-service asks with for a model whose window is 128k tokens
        await().atMost(Duration.ofSeconds(20)).until(() -> context(question, 127_000).recent().size() == 10);

        List<String> kept = context(question, 80).recent().stream().map(turn -> turn.content().substring(0, 6)).toList();
        assertThat(kept).containsExactly("line 7", "line 8", "line 9");
    }

    /**
     * A question one member asked, the answer another gave (sharing no word with what is asked later), what is asked
     * later, and the subjects of the questions asked in between, each about the same {@code occasion}.
     */
    record Story(String asker, String asked, String teller, String told, String question, String occasion,
            List<String> subjects) {
    }

    static List<Story> stories() {
        return List.of(
                new Story("Jonas", "Good luck at the craft fair! Is the kiln at the studio working again?", "Mila",
                        "No, Hedda lets me use the old electric one in her garage.",
                        "Sable, which kiln is being used for the craft fair?", "for the craft fair",
                        List.of("the fair", "the kiln", "the studio", "her stall", "the glaze", "her mugs",
                                "the prices", "the weather", "her car", "the tent", "the queue", "the crowd")),
                new Story("Ines", "Are you riding to the coast on Saturday? Is your bike fixed yet?", "Teo",
                        "I'm taking my uncle's road frame, new tyres on it since Monday.",
                        "Sable, which bike is being ridden to the coast?", "on the ride to the coast",
                        List.of("the coast", "Saturday", "the ride", "his bike", "the route", "the hills",
                                "the wind", "his legs", "the ferry", "the start", "the cafe", "the finish")));
    }

    @ParameterizedTest
    @MethodSource("stories")
    void anAnswerIsRecalledWithTheQuestionItAnswersAndEarlierQuestionsDoNotCrowdItOut(Story story) {
        ConversationId channel = ConversationId.discord(guild, "740000000000000001");
        topics.send(Topics.CHAT_INBOUND, TestEvents.discordMessage(channel, OWEN, story.asker(), story.asked()));
        topics.send(Topics.CHAT_INBOUND, TestEvents.discordMessage(channel, NADIA, story.teller(), story.told()));
        for (String subject : story.subjects()) {
            String about = subject + " " + story.occasion();
            ChatMessage asked = TestEvents.discordMessage(channel, ASH, "Ash",
                    "Sable, what did " + story.teller() + " say about " + about + "?");
            topics.send(Topics.CHAT_INBOUND, asked);
            topics.send(Topics.CHAT_OUTBOUND, TestEvents.finalReply(asked, "sable", "Sable",
                    "You asked what " + story.teller() + " said about " + about + ", and I do not know."));
        }
        for (int i = 0; i < 30; i++) {
            topics.send(Topics.CHAT_INBOUND, TestEvents.discordMessage(channel, NOA, "Noa",
                    "Turn " + i + ": the weather is grey again and the tea has gone cold."));
        }
        ChatMessage question = TestEvents.discordMessage(channel, ASH, "Ash", story.question());
        topics.send(Topics.CHAT_INBOUND, question);

        List<String> recalled = await().atMost(Duration.ofSeconds(60))
                .until(() -> recalledTexts(context(question, 400)), texts -> texts.contains(story.told()));

        assertThat(recalled).hasSizeLessThanOrEqualTo(10).contains(story.asked());
    }

    @Test
    void aWordFewTurnsHoldOutweighsWordsEveryoneUses() {
        ConversationId channel = ConversationId.discord(guild, "750000000000000001");
        ChatMessage rare = TestEvents.discordMessage(channel, NOA, "Noa", "The plumber finally fixed our boiler.");
        topics.send(Topics.CHAT_INBOUND, rare);
        for (int i = 0; i < 20; i++) {
            topics.send(Topics.CHAT_INBOUND, TestEvents.discordMessage(channel, ASH, "Ash",
                    "Sable, Sable, who is finally here, Sable? Round " + i));
        }
        String scope = MemoryScope.of(channel, null);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(index.matches(scope,
                "Sable, who finally fixed the boiler?", 3, Set.of()))
                .first().extracting(ScoredId::id).isEqualTo(rare.id()));
    }

    @Test
    void aQuestionNamingOnlyAMonthRecallsWhatWasSaidThen() {
        ConversationId channel = ConversationId.discord(guild, "710000000000000009");
        List<String> pastimes = List.of("went bouldering with Kai after work", "baked sourdough and burnt the crust",
                "watched two films at the old cinema", "cleaned out the attic all evening",
                "ran ten kilometres along the canal", "played board games at Ines's flat",
                "tried the new ramen place downtown", "fixed the bike's rear brake", "visited the science museum",
                "spent the day gardening and planting tomatoes");
        // the named month and every day's words sit the same way whatever today is: only the year moves
        YearMonth named = YearMonth.from(LocalDate.now(ZoneOffset.UTC).minusDays(180));
        LocalDate first = named.atDay(1).minusDays(120);
        ChatMessage last = null;
        for (int i = 0; i < 220; i++) {
            LocalDate day = first.plusDays(i);
            boolean inNamed = YearMonth.from(day).equals(named);
            if (inNamed && day.getDayOfMonth() != 14 && day.getDayOfMonth() != 20) {
                continue;
            }
            String said = !inNamed ? "Today I " + pastimes.get(i % pastimes.size()) + "."
                    : day.getDayOfMonth() == 14 ? "Spent the afternoon repainting the garden shed blue."
                    : "Took my niece to the aquarium, she loved the jellyfish.";
            last = TestEvents.writtenAt(day.atTime(18, 0).toInstant(ZoneOffset.UTC),
                    TestEvents.discordMessage(channel, ASH, "Ash", said));
            topics.send(Topics.CHAT_INBOUND, last);
        }
        String lastId = last.id();
        ChatMessage question = TestEvents.discordMessage(channel, ASH, "Ash", "What did I do in "
                + named.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + named.getYear() + "?");
        topics.send(Topics.CHAT_INBOUND, question);

        MemoryContext context = await().atMost(Duration.ofSeconds(60)).until(() -> context(question, 400),
                found -> found.recent().stream().anyMatch(turn -> turn.id().equals(lastId))
                        && recalledTexts(found).stream().anyMatch(text -> text.contains("shed")));

        assertThat(context.recent()).noneMatch(turn -> turn.content().contains("shed") || turn.content().contains("aquarium"));
        assertThat(recalledTexts(context)).anyMatch(text -> text.contains("aquarium"));
    }

    @Test
    void aRequestWithoutItsFieldsIsRefusedWithTheReason() {
        given().contentType(ContentType.JSON).body("{\"conversationId\":\"web:x\"}").post("/api/context")
                .then().statusCode(400).body("error", containsString("required"));
    }

    private static MemoryContext context(ChatMessage message, int recentTokens) {
        return context(message, recentTokens, List.of());
    }

    private static MemoryContext context(ChatMessage message, int recentTokens, List<ConversationId> absentFrom) {
        return given().contentType(ContentType.JSON)
                .body(new ContextRequest(message.conversationId(), "sable", "Sable", message.author().id(),
                        message.id(), message.content(), 20, recentTokens, message.restrictedTo(), absentFrom))
                .post("/api/context").then().statusCode(200).extract().as(MemoryContext.class);
    }

    private static List<String> recalledTexts(MemoryContext context) {
        return context.recalls().stream().map(Recall::content).toList();
    }
}
