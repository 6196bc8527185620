package io.acore.memory;

import static io.acore.memory.ServiceCalls.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.events.MemoryEvent;
import io.acore.events.Reply;
import io.acore.events.ReplyKind;
import io.acore.events.Topics;
import io.acore.events.EventCodec;
import io.acore.events.api.ContextRequest;
import io.acore.events.api.Episode;
import io.acore.events.api.MemoryContext;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.TestEvents;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.kafka.KafkaTopics;
import io.acore.testkit.model.StubModelResource;
import io.acore.testkit.postgres.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.acore.memory.repository.SummaryRepository;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StubModelResource.class, scope = TestResourceScope.GLOBAL)
class SummaryTest {
    @Inject
    DataSource dataSource;

    @Inject
    SummaryRepository summaries;

    private static final String GUILD = "740000000000000001";

    @InjectTestResource
    KafkaTopics topics;

    @Test
    void olderTurnsAreFoldedIntoARollingSummaryTheNewestTwentyKeptAsTheyAre() {
        ConversationId channel = ConversationId.discord(GUILD, "741000000000000001");
        Instant started = Instant.now();
        topics.send(Topics.CHAT_INBOUND, TestEvents.discordMessage(channel, "750000000000000001", "Oren",
                "I restore old clocks for a living, mostly Frisian ones."));
        MemoryContext context = awaitSummary(channel, "750000000000000002", "Pia", "Chatter number ");
        assertThat(context.summaryUntil()).as("when the newest turn it folds was said").isNotNull()
                .isBetween(started, Instant.now());

        // A fold takes everything stored but the newest 20, so it may run before all 45 are in: the oldest turns
        // are always in the summary, the newest 20 never.
        assertThat(context.summary()).contains("Oren: I restore old clocks").contains("Chatter number 19.")
                .doesNotContain("Chatter number 25.");
        await().atMost(Duration.ofSeconds(20)).until(() -> topics.events(Topics.MEMORY_EVENTS, MemoryEvent.class)
                .stream().anyMatch(e -> e.type().equals(MemoryEvent.SUMMARY_MADE) && e.scope().equals("discord:" + GUILD)
                        && ((Number) e.data().get("turns")).intValue() >= 20));
    }

    @Test
    void aConversationWhoseFoldFailedWaitsLongerAfterEachFailureInARow() throws SQLException {
        ConversationId stuck = ConversationId.web("summary-refused");
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO conversation_progress (conversation_id, scope, unsummarised) VALUES (?, ?, 500)")) {
            insert.setString(1, stuck.toString());
            insert.setString(2, stuck.toString());
            insert.executeUpdate();
        }
        assertThat(summaries.due(40, 1_000)).contains(stuck);

        summaries.foldFailed(stuck, Duration.ofSeconds(30), Duration.ofMinutes(1));
        assertThat(summaries.due(40, 1_000)).as("waiting after a failed fold").doesNotContain(stuck);
        assertThat(secondsToWait(stuck)).isBetween(25.0, 30.0);
        summaries.foldFailed(stuck, Duration.ofSeconds(30), Duration.ofMinutes(1));
        assertThat(secondsToWait(stuck)).as("doubled").isBetween(55.0, 60.0);
        summaries.foldFailed(stuck, Duration.ofSeconds(30), Duration.ofMinutes(1));
        assertThat(secondsToWait(stuck)).as("at most the longest wait").isBetween(55.0, 60.0);
    }

    private double secondsToWait(ConversationId conversation) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT extract(epoch FROM retry_after - now()) FROM conversation_progress WHERE conversation_id = ?")) {
            query.setString(1, conversation.toString());
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getDouble(1);
            }
        }
    }

    @Test
    void aNoticeAmongTheTurnsDoesNotStopTheFold() {
        ConversationId channel = ConversationId.discord(GUILD, "741000000000000002");
        ChatMessage unanswered = TestEvents.discordMessage(channel, "750000000000000003", "Rik",
                "Sable, are you there? My boat is called the Grey Heron.");
        topics.send(Topics.CHAT_INBOUND, unanswered);
        Reply answered = TestEvents.finalReply(unanswered, "sable", "Sable", "unused");
        topics.send(Topics.CHAT_OUTBOUND, new Reply(answered.v(), answered.id(), answered.traceId(),
                answered.conversationId(), answered.channelId(), answered.inReplyTo(), answered.persona(),
                ReplyKind.NOTICE, "Sable can't answer right now: the language model is not responding.", 1, false,
                null, answered.stages()));
        MemoryContext context = awaitSummary(channel, "750000000000000003", "Rik", "Sailing log entry ");
        assertThat(context.summary()).contains("Grey Heron").doesNotContain("can't answer");
    }

    @Test
    void aLongBacklogIsFoldedInBoundedCallsOldestFirst() {
        String guild = "740000000000000009";
        ConversationId channel = ConversationId.discord(guild, "741000000000000009");
        ChatMessage last = null;
        for (int i = 1; i <= 110; i++) {
            last = TestEvents.discordMessage(channel, "750000000000000009", "Tess", "Backlog line " + i + ".");
            topics.send(Topics.CHAT_INBOUND, last);
        }

        // 110 turns, the newest 20 kept verbatim, by at most 30 (this profile's most-per-fold) a call; a fold waits
        // for 20 more than those 20, so a fold made while the lines still arrive can leave up to 39 unfolded
        List<Integer> folds = await().atMost(Duration.ofSeconds(90)).until(() -> topics.events(Topics.MEMORY_EVENTS,
                MemoryEvent.class).stream().filter(e -> e.type().equals(MemoryEvent.SUMMARY_MADE)
                        && e.scope().equals("discord:" + guild)).map(e -> ((Number) e.data().get("turns")).intValue())
                .toList(), made -> made.stream().mapToInt(Integer::intValue).sum() >= 110 - 39);
        assertThat(folds).hasSizeGreaterThanOrEqualTo(3).allSatisfy(turns -> assertThat(turns).isLessThanOrEqualTo(30));
        ChatMessage question = last;
        MemoryContext context = given().contentType(ContentType.JSON).body(new ContextRequest(channel, "sable",
                        "Sable", question.author().id(), question.id(), question.content(), 20, 10_000, null,
                        List.of()))
                .post("/api/context").then().statusCode(200).extract().as(MemoryContext.class);
        assertThat(context.summary()).as("oldest first; the newest 20 never").contains("Backlog line 1.")
                .doesNotContain("Backlog line 91.");
    }

    @Test
    void eachFoldTellsItsStretchAsAnEpisodeWhichAMessageAboutThatStretchRecallsWithItsDates() {
        String guild = "740000000000000010";
        ConversationId channel = ConversationId.discord(guild, "741000000000000010");
        Instant march = Instant.parse("2026-03-02T10:00:00Z");
        Instant may = Instant.parse("2026-05-10T10:00:00Z");
        for (int i = 1; i <= 40; i++) {
            topics.send(Topics.CHAT_INBOUND, TestEvents.writtenAt(march.plusSeconds(60L * i), TestEvents.discordMessage(
                    channel, "750000000000000010", "Ines",
                    "My trip to Porto, day " + i + ": the old trams, azulejo tiles and port cellars.")));
        }
        for (int i = 1; i <= 40; i++) {
            topics.send(Topics.CHAT_INBOUND, TestEvents.writtenAt(may.plusSeconds(60L * i), TestEvents.discordMessage(
                    channel, "750000000000000010", "Ines",
                    "Repotting tomato seedlings, tray " + i + ", in my greenhouse.")));
        }
        // the newest 20 are never folded and a fold waits for 20 more: at least 41 are folded, May's first among them
        await().atMost(Duration.ofSeconds(90)).until(() -> topics.events(Topics.MEMORY_EVENTS, MemoryEvent.class)
                .stream().filter(e -> e.type().equals(MemoryEvent.SUMMARY_MADE) && e.scope().equals("discord:" + guild))
                .mapToInt(e -> ((Number) e.data().get("turns")).intValue()).sum() >= 41);

        List<Episode> aboutPorto = context(channel, "Do you remember my trip to Porto, with the trams?").episodes();
        assertThat(aboutPorto).as("the stretches it was told in, oldest first, with their dates").isNotEmpty()
                .allSatisfy(episode -> {
                    assertThat(episode.content()).contains("Episode.").contains("Porto");
                    assertThat(episode.until()).isAfterOrEqualTo(episode.from());
                });
        assertThat(aboutPorto.get(0).from()).isEqualTo(march.plusSeconds(60));
        assertThat(context(channel, "What was going on in May 2026?").episodes())
                .as("the stretch the time it names falls in").anySatisfy(episode -> assertThat(episode.until())
                        .isAfterOrEqualTo(may).isBefore(may.plusSeconds(86_400)));
        assertThat(context(channel, "Which mechanical keyboard switches are the quietest?").episodes())
                .as("nothing for a message about none of it").isEmpty();

        given().delete("/api/users/discord:750000000000000010/messages").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                context(channel, "Do you remember my trip to Porto, with the trams?").episodes())
                .as("erased with the summaries that held her").isEmpty());
    }

    private MemoryContext context(ConversationId channel, String message) {
        return given().contentType(ContentType.JSON).body(new ContextRequest(channel, "sable", "Sable",
                        "discord:750000000000000011", EventCodec.newId(), message, 20, 10_000, null, List.of()))
                .post("/api/context").then().statusCode(200).extract().as(MemoryContext.class);
    }

    /** The user writes 44 numbered lines, then the context for the last shows the summary they folded into. */
    private MemoryContext awaitSummary(ConversationId channel, String userId, String name, String line) {
        ChatMessage last = null;
        for (int i = 1; i < 45; i++) {
            last = TestEvents.discordMessage(channel, userId, name, line + i + ".");
            topics.send(Topics.CHAT_INBOUND, last);
        }
        ChatMessage question = last;
        return await().atMost(Duration.ofSeconds(60)).until(
                () -> given().contentType(ContentType.JSON).body(new ContextRequest(channel, "sable", "Sable",
                        question.author().id(), question.id(), question.content(), 20, 10_000, null, List.of()))
                        .post("/api/context").then().statusCode(200).extract().as(MemoryContext.class),
                found -> found.summary() != null);
    }
}
