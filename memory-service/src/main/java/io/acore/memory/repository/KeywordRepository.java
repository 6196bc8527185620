package io.acore.memory.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The keyword half of recall, over the {@code words} column of turns (PostgreSQL full text, English stems, stop words
 * dropped): a text's lexemes, the lexemes of a scope's turns for counting, and the search itself.
 */
@ApplicationScoped
public class KeywordRepository {
    private static final String LEXEMES = """
            SELECT lexeme, hashtextextended(lexeme, 0) AS hash
            FROM unnest(tsvector_to_array(to_tsvector('english', ?))) AS lexeme
            """;
    /** Only embedded turns, so that the embeddings' (scope, seq) index serves the top-up. */
    private static final String EMBEDDED_SINCE = """
            SELECT e.seq, ARRAY(SELECT hashtextextended(lexeme, 0)
                                FROM unnest(tsvector_to_array(m.words)) AS lexeme) AS hashes
            FROM memory_embedding e JOIN conversation_message m ON m.id = e.owner_id
            WHERE e.scope = ? AND e.seq > ? AND e.owner_kind = 'message' AND m.role IN ('user', 'persona')
            ORDER BY e.seq
            """;

    private final DataSource dataSource;

    public KeywordRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The distinct lexemes of {@code text}, in the index's order. */
    public List<Lexeme> lexemes(String text) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(LEXEMES)) {
            query.setString(1, text);
            List<Lexeme> found = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(new Lexeme(rows.getString("lexeme"), rows.getLong("hash")));
                }
            }
            return found;
        } catch (SQLException e) {
            throw SqlFailures.translate("reading the words of a message", e);
        }
    }

    /** One embedded turn's lexemes, as hashes. */
    public record TurnLexemes(long seq, long[] hashes) {
    }

    /** The lexemes of the scope's turns embedded after {@code afterSeq} (embedding order), for counting. */
    public List<TurnLexemes> embeddedSince(String scope, long afterSeq) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(EMBEDDED_SINCE)) {
            query.setString(1, scope);
            query.setLong(2, afterSeq);
            query.setFetchSize(2_000);
            List<TurnLexemes> found = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Array hashes = rows.getArray("hashes");
                    Long[] boxed = (Long[]) hashes.getArray();
                    long[] values = new long[boxed.length];
                    for (int i = 0; i < boxed.length; i++) {
                        values[i] = boxed[i];
                    }
                    found.add(new TurnLexemes(rows.getLong("seq"), values));
                }
            }
            return found;
        } catch (SQLException e) {
            throw SqlFailures.translate("counting the words of scope " + scope, e);
        }
    }

    /**
     * Turns of the scope holding any of the weighted lexemes, best first: a turn scores the sum of the weights of the
     * lexemes it holds.
     */
    public List<ScoredId> matches(String scope, Map<Lexeme, Double> weights, int limit) {
        if (weights.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<Lexeme, Double>> terms = List.copyOf(weights.entrySet());
        String score = terms.stream().map(term -> "CASE WHEN words @@ ?::tsquery THEN ? ELSE 0 END")
                .collect(Collectors.joining(" + "));
        String sql = "SELECT id, " + score + """
                 AS score
                FROM conversation_message
                WHERE scope = ? AND words @@ ?::tsquery AND role IN ('user', 'persona')
                ORDER BY score DESC
                LIMIT ?
                """;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            int parameter = 1;
            for (Map.Entry<Lexeme, Double> term : terms) {
                query.setString(parameter++, quoted(term.getKey()));
                query.setDouble(parameter++, term.getValue());
            }
            query.setString(parameter++, scope);
            query.setString(parameter++, terms.stream().map(term -> quoted(term.getKey()))
                    .collect(Collectors.joining(" | ")));
            query.setInt(parameter, limit);
            List<ScoredId> found = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(new ScoredId(rows.getString("id"), rows.getDouble("score")));
                }
            }
            return found;
        } catch (SQLException e) {
            throw SqlFailures.translate("searching scope " + scope, e);
        }
    }

    /** A lexeme as a one-word tsquery, taken as it is (no parsing, no stemming). */
    private static String quoted(Lexeme lexeme) {
        return "'" + lexeme.text().replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
