package io.acore.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.acore.events.ConversationId;
import io.acore.memory.repository.EmbeddingRepository;
import io.acore.memory.repository.EmbeddingRepository.NewEmbedding;
import io.acore.memory.repository.FactRepository;
import io.acore.memory.repository.SummaryRepository;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.postgres.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What the background writers computed from a turn that was erased meanwhile (an embedding, a fact, a summary) is
 * not stored: each checks, under the erasure lock, that what it was made from is still there.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ErasedWhileComputingTest {
    @Inject
    EmbeddingRepository embeddings;

    @Inject
    FactRepository facts;

    @Inject
    SummaryRepository summaries;

    @Inject
    DataSource dataSource;

    @Test
    void anEmbeddingOfAnErasedTurnIsNotStored() throws SQLException {
        embeddings.store(List.of(new NewEmbedding("message", "erased-turn", "web:gone", "web:gone-user",
                new float[384])));
        assertThat(count("SELECT count(*) FROM memory_embedding WHERE owner_id = 'erased-turn'")).isZero();
    }

    @Test
    void aFactFromAnErasedTurnIsNotStored() throws SQLException {
        FactRepository.Outcome outcome = facts.reconcile(new FactRepository.Holder("web:gone", "web:gone-user", "*"),
                new FactRepository.Statement("home", "fact", "lives in Oslo", 0.9, false, false),
                new FactRepository.Source("erased-turn", Instant.now()), null, 30);
        assertThat(outcome).isEqualTo(FactRepository.Outcome.NOTHING);
        assertThat(count("SELECT count(*) FROM memory_fact WHERE user_id = 'web:gone-user'")).isZero();
    }

    @Test
    void aSummaryOfTurnsErasedMeanwhileIsNotStored() throws SQLException {
        boolean stored = summaries.save(ConversationId.web("gone"), "web:gone",
                new SummaryRepository.Summary(1, "gone-user said where they live", 42, Instant.now(),
                        List.of("web:gone-user")), Optional.empty(), 40, 3, List.of("web:gone-user"));
        assertThat(stored).isFalse();
        assertThat(count("SELECT count(*) FROM conversation_summary WHERE conversation_id = 'web:gone'")).isZero();
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql);
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
