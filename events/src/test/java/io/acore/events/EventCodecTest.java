package io.acore.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    private final ChatMessage message = new ChatMessage(Event.SCHEMA_VERSION, "m1", "t1", "web:lobby", "web", "lobby",
            new Author("web:ada", "ada", false), "hello", null, null,
            Stages.of(Stage.GATEWAY_RECEIVED, Instant.parse("2026-11-26T12:00:00Z")));

    @Test
    void roundTripsARecordWithItsStages() {
        String json = EventCodec.encode(message);

        assertThat(json).contains("\"v\":1", "\"gateway.received\":\"2026-11-26T12:00:00Z\"").doesNotContain("replyTo");
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
        assertThatThrownBy(() -> EventCodec.decode("<html>", Reply.class)).isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("not a valid Reply: ");
        assertThatThrownBy(() -> EventCodec.decode("", Delivery.class)).hasMessage("not a valid Delivery: empty record");
        assertThatThrownBy(() -> EventCodec.decode("null", Delivery.class)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void stagesAreImmutableAndAccumulate() {
        ChatMessage later = message.withStage(Stage.PERSONA_RECEIVED, Instant.parse("2026-11-26T12:00:01Z"));

        assertThat(later.stages()).containsOnlyKeys(Stage.GATEWAY_RECEIVED, Stage.PERSONA_RECEIVED);
        assertThat(message.stages()).containsOnlyKeys(Stage.GATEWAY_RECEIVED);
        assertThatThrownBy(() -> later.stages().put("x", Instant.now())).isInstanceOf(UnsupportedOperationException.class);
    }
}
