package io.acore.memory.recall;

import static org.assertj.core.api.Assertions.assertThat;

import io.acore.events.ConversationId;
import io.acore.events.Role;
import io.acore.memory.config.MemoryConfig;
import io.acore.memory.repository.MessageRepository.Beside;
import io.acore.memory.repository.StoredMessage;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecallRankingTest {
    /** The rules' weights, with similarities on a scale where 0.4 is a turn on another subject. */
    private static final Map<String, Object> WEIGHTS = Map.of("minSimilarity", 0.4, "meaningWeight", 1.5,
            "speakerBoost", 0.35, "neighbourWeight", 0.3, "secondNeighbourWeight", 0.2, "dateBoost", 0.5,
            "questionWorth", 0.85, "fullLength", 160, "retellingWorth", 0.5);
    /** A question, its answer (id "a"), and a turn about something else. */
    private static final StoredMessage ASKED = turn("q", "Owen", "How often do you all work out together?");
    private static final StoredMessage ANSWER = turn("a", "Nadia", "Three times a week; it keeps us on track.");
    private static final StoredMessage OTHER = turn("o", "Owen", "The weather was grey all week.");

    @Test
    void anAnswerThatSharesNothingWithTheMessageRisesWithTheQuestionBeforeIt() {
        RecallRanking ranking = ranking(List.of(new ScoredId("q", 4.0), new ScoredId("o", 1.0)),
                List.of(new ScoredId("q", 0.8), new ScoredId("o", 0.5), new ScoredId("a", 0.45)),
                List.of(), "How often does Nadia work out with her family?", Instant.EPOCH, weights(WEIGHTS));

        List<String> order = ids(ranking.ranked(List.of(ASKED, OTHER), List.of(
                new Beside("q", 1, ANSWER), new Beside("o", -1, ANSWER))));

        assertThat(order).containsExactly("q", "a", "o");
    }

    @Test
    void aReplyLinkedToTheQuestionRisesWithItHoweverFarApartItWasSaid() {
        RecallRanking ranking = ranking(List.of(new ScoredId("q", 4.0), new ScoredId("o", 0.5)),
                List.of(new ScoredId("q", 0.8), new ScoredId("o", 0.45)),
                List.of(), "How often does the group work out?", Instant.EPOCH, weights(WEIGHTS));

        assertThat(ids(ranking.ranked(List.of(ASKED, OTHER), List.of(new Beside("q", 0, ANSWER)))))
                .as("found by neither words nor meaning, the reply comes with the question it answers")
                .containsExactly("q", "a", "o");
    }

    @Test
    void withoutNeighboursCountingTheSameAnswerStaysLast() {
        RecallRanking ranking = ranking(List.of(new ScoredId("q", 4.0), new ScoredId("o", 1.0)),
                List.of(new ScoredId("q", 0.8), new ScoredId("o", 0.6), new ScoredId("a", 0.45)),
                List.of(), "How often does Nadia work out with her family?", Instant.EPOCH,
                weights(weightsWith(Map.of("neighbourWeight", 0.0, "secondNeighbourWeight", 0.0))));

        assertThat(ids(ranking.ranked(List.of(ASKED, OTHER), List.of(new Beside("q", 1, ANSWER)))))
                .containsExactly("q", "o", "a");
    }

    @Test
    void aTurnByTheSpeakerTheMessageNamesComesBeforeAnEqualMatchBySomeoneElse() {
        StoredMessage byMaria = turn("m", "Maria", "I took a poetry class this spring.");
        StoredMessage byJohn = turn("j", "John", "I took a pottery class this spring.");
        RecallRanking ranking = ranking(List.of(new ScoredId("m", 2.0), new ScoredId("j", 2.0)),
                List.of(), List.of(), "What classes has maria taken?", Instant.EPOCH, weights(WEIGHTS));

        assertThat(ids(ranking.ranked(List.of(byJohn, byMaria), List.of()))).containsExactly("m", "j");
    }

    @Test
    void aSpeakerCountsAsNamedOnlyByTheirWholeName() {
        StoredMessage byAnn = turn("ann", "Ann", "I took a poetry class this spring.");
        StoredMessage byJo = turn("jo", "Jo", "I took a pastry class this spring.");
        List<ScoredId> equal = List.of(new ScoredId("ann", 2.0), new ScoredId("jo", 2.0));

        assertThat(ids(ranking(equal, List.of(), List.of(), "Which classes did Joanna and Annabel take?",
                Instant.EPOCH, weights(WEIGHTS)).ranked(List.of(byAnn, byJo), List.of())))
                .as("names inside longer words name no one: a tie, broken by id").containsExactly("ann", "jo");
        assertThat(ids(ranking(equal, List.of(), List.of(), "Annabel asked: which class did jo2 take, and jo?",
                Instant.EPOCH, weights(WEIGHTS)).ranked(List.of(byAnn, byJo), List.of())))
                .as("a name followed by a digit is another word; the last one stands alone").containsExactly("jo", "ann");
        assertThat(ids(ranking(equal, List.of(), List.of(), "ANN, which class?", Instant.EPOCH, weights(WEIGHTS))
                .ranked(List.of(byJo, byAnn), List.of()))).as("whatever its case").containsExactly("ann", "jo");
    }

    @Test
    void meaningBelowTheFloorAddsNothingAndTheBestMatchesComeFirst() {
        RecallRanking ranking = ranking(List.of(new ScoredId("w", 3.0)),
                List.of(new ScoredId("close", 0.9), new ScoredId("far", 0.35)), List.of(), "anything", Instant.EPOCH, weights(WEIGHTS));

        assertThat(ranking.alone("far")).isZero();
        assertThat(ranking.alone("close")).isEqualTo(1.5);
        assertThat(ranking.alone("w")).isEqualTo(1.0);
        assertThat(ranking.best(java.util.Set.of("close"), 2)).containsExactly("w", "far");
    }

    @Test
    void aTurnWrittenWhenTheMessageSaysComesBeforeAnEqualMatchFromAnotherTime() {
        StoredMessage march = turn("march", "Maria", "We went to the lake.", Instant.parse("2023-03-12T10:00:00Z"));
        StoredMessage july = turn("july", "Maria", "We went to the lake.", Instant.parse("2023-07-12T10:00:00Z"));
        RecallRanking ranking = ranking(List.of(new ScoredId("july", 2.0), new ScoredId("march", 2.0)),
                List.of(), List.of(), "Where did they go in March 2023?", Instant.EPOCH, weights(WEIGHTS));

        assertThat(ids(ranking.ranked(List.of(july, march), List.of()))).containsExactly("march", "july");
    }

    @Test
    void aTurnFoundAmongThoseSaidWhenTheMessageSaysIsAContenderBeforeAnEqualMatchFromAnotherTime() {
        RecallRanking ranking = ranking(List.of(), List.of(new ScoredId("june", 0.7), new ScoredId("x", 0.9)),
                List.of(new ScoredId("may", 0.7)), "What did I do in May 2023?", Instant.parse("2024-01-01T00:00:00Z"),
                weights(WEIGHTS));

        assertThat(ranking.best(java.util.Set.of("x"), 1)).containsExactly("may");
        assertThat(ranking.alone("may")).isEqualTo(ranking.alone("june") * 1.5);
    }

    @Test
    void aTurnThatTellsComesBeforeAnEqualMatchThatAsksYetTheQuestionStillLiftsItsAnswer() {
        StoredMessage asked = turn("asked", "Owen", "Did you ever finish the pottery class you signed up for in spring?");
        StoredMessage told = turn("told", "Maria", "I finished the pottery class in spring and kept every bowl I made.");
        StoredMessage answer = turn("answer", "Maria", "Sure did, and the teacher let me keep the wheel for the summer.");
        RecallRanking ranking = ranking(List.of(new ScoredId("asked", 2.0), new ScoredId("told", 2.0)),
                List.of(), List.of(), "the pottery class", Instant.EPOCH, weights(WEIGHTS));

        List<RecallRanking.Scored> ranked = ranking.ranked(List.of(asked, told), List.of(new Beside("asked", 1, answer)));

        assertThat(ids(ranked)).containsExactly("told", "asked", "answer");
        assertThat(ranked.get(2).score()).isPositive();
    }

    @Test
    void aTurnThatSaysLittleComesAfterALongerOneThatMatchesAsWell() {
        StoredMessage brief = turn("brief", "Maria", "Pottery, yes!");
        StoredMessage full = turn("full", "Maria", "Pottery on Tuesdays at the community centre, with my sister and a teacher who used to throw for a studio in Kyoto.");
        RecallRanking ranking = ranking(List.of(new ScoredId("brief", 2.0), new ScoredId("full", 2.0)),
                List.of(), List.of(), "pottery", Instant.EPOCH, weights(WEIGHTS));

        assertThat(ids(ranking.ranked(List.of(brief, full), List.of()))).containsExactly("full", "brief");
    }

    @Test
    void withWorthSwitchedOffOnlyTheMatchDecides() {
        StoredMessage brief = turn("brief", "Maria", "Pottery class?");
        StoredMessage full = turn("full", "Maria", "Pottery on Tuesdays at the community centre, with my sister.");
        RecallRanking ranking = ranking(List.of(new ScoredId("brief", 2.0), new ScoredId("full", 1.9)),
                List.of(), List.of(), "pottery", Instant.EPOCH,
                weights(weightsWith(Map.of("questionWorth", 1.0, "fullLength", 0))));

        assertThat(ids(ranking.ranked(List.of(brief, full), List.of()))).containsExactly("brief", "full");
    }

    @Test
    void aReplyThatSaysAgainWhatWasSaidBeforeComesAfterTheTurnThatFirstToldIt() {
        List<StoredMessage> turns = biscuit();
        RecallRanking ranking = ranking(List.of(new ScoredId("told", 2.0), new ScoredId("retold", 2.6)),
                List.of(), List.of(), "Which shelter did the dog come from?", Instant.EPOCH, weights(WEIGHTS));

        assertThat(ids(ranking.ranked(turns, List.of()))).containsExactly("told", "retold", "asked");
    }

    @Test
    void withRetellingSwitchedOffTheBetterMatchComesFirstWhateverItRepeats() {
        List<StoredMessage> turns = biscuit();
        RecallRanking ranking = ranking(List.of(new ScoredId("told", 2.0), new ScoredId("retold", 2.6)),
                List.of(), List.of(), "Which shelter did the dog come from?", Instant.EPOCH,
                weights(weightsWith(Map.of("retellingWorth", 1.0))));

        assertThat(ids(ranking.ranked(turns, List.of()))).containsExactly("retold", "told", "asked");
    }

    /** A member tells of her dog; days later a reply says it again after the question it answers. */
    private static List<StoredMessage> biscuit() {
        Instant day = Instant.parse("2023-05-01T18:00:00Z");
        return List.of(
                turn("told", "Maria", "We adopted a dog called Biscuit from the shelter on Elm Street last spring.",
                        day),
                turn("asked", "Owen", "What is the name of Maria's dog?", day.plusSeconds(86_400)),
                turn("retold", "Sable", "Maria's dog is called Biscuit, adopted from the Elm Street shelter.",
                        day.plusSeconds(86_401)));
    }

    private static List<String> ids(List<RecallRanking.Scored> ranked) {
        return ranked.stream().map(scored -> scored.turn().id()).toList();
    }

    /** The ranking for {@code sought}, asked at {@code now}. */
    private static RecallRanking ranking(List<ScoredId> wordMatches, List<ScoredId> meaningMatches,
            List<ScoredId> periodMatches, String sought, Instant now, MemoryConfig.Recall weights) {
        return new RecallRanking(wordMatches, meaningMatches, periodMatches, sought, DatePhrases.in(sought, now),
                weights);
    }

    private static StoredMessage turn(String id, String author, String content) {
        return turn(id, author, content, Instant.EPOCH);
    }

    private static StoredMessage turn(String id, String author, String content, Instant at) {
        return new StoredMessage(id, ConversationId.web("c"), "web:c", Role.USER, "web:" + author, author, false,
                content, null, "trace", at);
    }

    /** The default settings with {@code changes} over them. */
    private static Map<String, Object> weightsWith(Map<String, Object> changes) {
        Map<String, Object> values = new java.util.HashMap<>(WEIGHTS);
        values.putAll(changes);
        return values;
    }

    /** The recall settings with these values (a test double of the typed config, which has no public builder). */
    private static MemoryConfig.Recall weights(Map<String, Object> values) {
        return (MemoryConfig.Recall) Proxy.newProxyInstance(MemoryConfig.Recall.class.getClassLoader(),
                new Class<?>[] {MemoryConfig.Recall.class}, (proxy, method, args) -> values.get(method.getName()));
    }
}
