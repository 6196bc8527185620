package io.acore.memory;

import static io.acore.memory.ServiceCalls.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.events.Event;
import io.acore.events.EventCodec;
import io.acore.events.MessageChange;
import io.acore.events.MessageChange.Change;
import io.acore.events.Topics;
import io.acore.events.api.ContextRequest;
import io.acore.events.api.HistoryEntry;
import io.acore.events.api.MemoryContext;
import io.acore.events.api.Recall;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.TestEvents;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.kafka.KafkaTopics;
import io.acore.testkit.postgres.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class MessageChangeTest {
    private static final String GUILD = "710000000000000001";
    private static final String MIRA = "810000000000000001";
    private static final String TEO = "810000000000000002";

    @InjectTestResource
    KafkaTopics topics;

    @Test
    void aDeletedMessageIsNeverRecalledAgainNorStoredWhenItArrivesOnceMore() {
        ConversationId channel = ConversationId.discord(GUILD, "760000000000000001");
        ChatMessage secret = TestEvents.discordMessage(channel, MIRA, "Mira",
                "My spare key is hidden under the blue flowerpot by the shed.");
        topics.send(Topics.CHAT_INBOUND, secret);
        topics.send(Topics.CHAT_OUTBOUND, TestEvents.finalReply(secret, "sable", "Sable",
                "Under the blue flowerpot by the shed, got it."));
        fillerAfter(channel, 25);
        awaitRecalled(channel, "Where is Mira's spare key hidden?", "blue flowerpot");

        change(secret, Change.DELETED, null);

        await().atMost(Duration.ofSeconds(20)).until(() -> recalled(channel, "Where is Mira's spare key hidden?")
                .stream().noneMatch(text -> text.contains("flowerpot")));
        assertThat(history(channel)).noneMatch(text -> text.contains("flowerpot"));

        topics.send(Topics.CHAT_INBOUND, secret); // delivered again after its deletion
        fillerAfter(channel, 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> history(channel).stream()
                .anyMatch(text -> text.startsWith("Filler 0 of 1")));
        assertThat(history(channel)).noneMatch(text -> text.contains("flowerpot"));
    }

    @Test
    void anEditedMessageIsRecalledAsEdited() {
        ConversationId channel = ConversationId.discord(GUILD, "760000000000000002");
        ChatMessage move = TestEvents.discordMessage(channel, TEO, "Teo",
                "We are moving to Lisbon in the spring, the flat has a balcony.");
        topics.send(Topics.CHAT_INBOUND, move);
        fillerAfter(channel, 25);
        awaitRecalled(channel, "Where is Teo moving to in the spring?", "Lisbon");

        change(move, Change.EDITED, "We are moving to Porto in the spring, the flat has a balcony.");

        List<String> recalled = await().atMost(Duration.ofSeconds(20))
                .until(() -> recalled(channel, "Where is Teo moving to in the spring?"),
                        texts -> texts.stream().anyMatch(text -> text.contains("Porto")));
        assertThat(recalled).noneMatch(text -> text.contains("Lisbon"));
    }

    @Test
    void aChangeThatCannotBeReadIsDeadLetteredWithItsReason() {
        topics.send(Topics.CHAT_CHANGES, "change-poison", "{\"v\":1,\"id\":\"x\",\"change\":\"DELETED\"}");

        await().atMost(Duration.ofSeconds(20)).until(() -> topics.records(Topics.DEAD_LETTER).stream()
                .anyMatch(r -> "change-poison".equals(r.key())
                        && KafkaTopics.deadLetterReason(r).contains("is required")));
    }

    private void change(ChatMessage message, Change change, String content) {
        MessageChange record = new MessageChange(Event.SCHEMA_VERSION,
                MessageChange.idFor(message.id(), change, content), message.traceId(), message.conversationId(),
                message.id(), change, content, Map.of());
        topics.send(Topics.CHAT_CHANGES, message.conversationId().toString(), EventCodec.encode(record));
    }

    private void fillerAfter(ConversationId channel, int turns) {
        for (int i = 0; i < turns; i++) {
            topics.send(Topics.CHAT_INBOUND, TestEvents.discordMessage(channel, TEO, "Teo",
                    "Filler " + i + " of " + turns + ": the tram was late again this morning."));
        }
    }

    private static void awaitRecalled(ConversationId channel, String question, String expected) {
        await().atMost(Duration.ofSeconds(60)).until(() -> recalled(channel, question).stream()
                .anyMatch(text -> text.contains(expected)));
    }

    private static List<String> recalled(ConversationId channel, String question) {
        MemoryContext context = given().contentType(ContentType.JSON)
                .body(new ContextRequest(channel, "sable", "Sable", "discord:" + MIRA, UUID.randomUUID().toString(),
                        question, 20, 400, null, List.of()))
                .post("/api/context").then().statusCode(200).extract().as(MemoryContext.class);
        return context.recalls().stream().map(Recall::content).toList();
    }

    private static List<String> history(ConversationId channel) {
        return List.of(given().get("/api/conversations/" + channel + "/messages?limit=200").then().statusCode(200)
                .extract().as(HistoryEntry[].class)).stream().map(HistoryEntry::content).toList();
    }
}
