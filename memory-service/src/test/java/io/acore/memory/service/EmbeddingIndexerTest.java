package io.acore.memory.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.acore.events.ConversationId;
import io.acore.events.Role;
import io.acore.memory.repository.StoredMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EmbeddingIndexerTest {
    private static boolean embedded(String content) {
        return EmbeddingIndexer.worthEmbedding(new StoredMessage("m", ConversationId.web("c"), "web:c", Role.USER,
                null, "Mo", false, content, null, "t", Instant.EPOCH));
    }

    @Test
    void aShortSentenceIsEmbeddedInEveryScriptAndAShortReplyInNone() {
        assertThat(embedded("I moved to Osaka")).isTrue();
        assertThat(embedded("我搬到大阪了")).as("'I moved to Osaka', six characters").isTrue();
        assertThat(embedded("大阪に引っ越した")).isTrue();
        assertThat(embedded("ok thx")).isFalse();
        assertThat(embedded("  lol  ")).isFalse();
        assertThat(embedded("好的")).as("'OK'").isFalse();
    }
}
