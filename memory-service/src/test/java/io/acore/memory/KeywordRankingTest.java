package io.acore.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.acore.events.ConversationId;
import io.acore.events.Role;
import io.acore.memory.repository.MessageRepository;
import io.acore.memory.repository.ScoredId;
import io.acore.memory.repository.StoredMessage;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.postgres.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class KeywordRankingTest {
    @Inject
    MessageRepository messages;

    @Test
    void aRareWordThatMatchesOutranksSeveralCommonOnes() {
        ConversationId conversation = ConversationId.web("keyword-ranking");
        List<StoredMessage> turns = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            turns.add(turn(conversation, "keyword-common-" + i, "What is for dinner tonight? Pasta again tonight."));
        }
        turns.add(turn(conversation, "keyword-rare", "The telescope arrived with a cracked lens."));
        messages.store(turns);

        List<ScoredId> found = messages.keywordMatches(conversation.toString(),
                List.of("dinner", "tonight", "telescope"), 5);

        assertThat(found).first().extracting(ScoredId::id).isEqualTo("keyword-rare");
        assertThat(found).hasSize(5);
    }

    private static StoredMessage turn(ConversationId conversation, String id, String content) {
        return new StoredMessage(id, conversation, Role.USER, "web:kim", "kim", false, content, null, id,
                Instant.now());
    }
}
