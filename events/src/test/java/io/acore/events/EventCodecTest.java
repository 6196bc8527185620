package io.acore.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    private final ChatMessage message = new ChatMessage(Event.SCHEMA_VERSION, "m1", "t1",
            ConversationId.web("lobby"), Platform.WEB, "lobby", new Author("web:ada", "ada", false), "hello", null, null, false, null,
            Stage.GATEWAY_RECEIVED.first(Instant.parse("2026-11-26T12:00:00Z")));

    @Test
    void roundTripsARecordWithItsStages() {
        String json = EventCodec.encode(message);

        assertThat(json).contains("\"v\":1", "\"conversationId\":\"web:lobby\"", "\"source\":\"web\"",
                "\"gateway.received\":\"2026-11-26T12:00:00Z\"").doesNotContain("replyTo");
        assertThat(EventCodec.decode(json, ChatMessage.class)).isEqualTo(message);
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        String json = EventCodec.encode(message).replaceFirst("\\{", "{\"addedLater\":{\"x\":1},");

        assertThat(EventCodec.decode(json, ChatMessage.class).content()).isEqualTo("hello");
    }

    @Test
    void rejectsMissingFieldsNewerVersionsAndNonJsonWithAReason() {
        assertThatThrownBy(() -> EventCodec.decode(EventCodec.encode(message).replace("\"conversationId\":\"web:lobby\",", ""),
                ChatMessage.class)).isInstanceOf(MalformedEventException.class)
                .hasMessage("not a valid ChatMessage: 'conversationId' is required");
        assertThatThrownBy(() -> EventCodec.decode(EventCodec.encode(message).replace("\"v\":1", "\"v\":2"), ChatMessage.class))
                .hasMessageContaining("unsupported schema version v=2");
        assertThatThrownBy(() -> EventCodec.decode(EventCodec.encode(message).replace("web:lobby", "irc:lobby"),
                ChatMessage.class)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("'irc:lobby' is not a conversation id");
        assertThatThrownBy(() -> EventCodec.decode("<html>", Reply.class)).isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("not a valid Reply: ");
        assertThatThrownBy(() -> EventCodec.decode("", Delivery.class)).hasMessage("not a valid Delivery: empty record");
        assertThatThrownBy(() -> EventCodec.decode("null", Delivery.class)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void stagesAreImmutableAndAccumulate() {
        ChatMessage later = message.withStage(Stage.PERSONA_RECEIVED, Instant.parse("2026-11-26T12:00:01Z"));

        assertThat(later.stages()).containsOnlyKeys("gateway.received", "persona.received");
        assertThat(message.stages()).containsOnlyKeys("gateway.received");
        assertThatThrownBy(() -> later.stages().put("x", Instant.now())).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void repliesCarryTheirKindAndDeliveriesTheirStatusByWireName() {
        Reply reply = new Reply(Event.SCHEMA_VERSION, "r1", "t1", ConversationId.discord("1", "2"), "2", "m1",
                new PersonaRef("sable", "Sable", null), ReplyKind.NOTICE, "away", 1, false, null, Map.of());
        Delivery delivery = new Delivery(Event.SCHEMA_VERSION, "d1", "t1", reply.conversationId(), "r1", "sable",
                Platform.DISCORD, List.of("9"), Delivery.Status.FAILED, "gone", Map.of());

        assertThat(EventCodec.encode(reply)).contains("\"kind\":\"notice\"", "\"conversationId\":\"discord:1:2\"");
        assertThat(EventCodec.decode(EventCodec.encode(reply), Reply.class)).isEqualTo(reply);
        assertThat(EventCodec.encode(delivery)).contains("\"status\":\"failed\"", "\"target\":\"discord\"");
        assertThat(EventCodec.decode(EventCodec.encode(delivery), Delivery.class)).isEqualTo(delivery);
        assertThatThrownBy(() -> EventCodec.decode(EventCodec.encode(reply).replace("\"notice\"", "\"shout\""),
                Reply.class)).isInstanceOf(MalformedEventException.class);
    }
}
