package io.acore.memory.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.acore.events.Sha256;
import io.acore.memory.repository.EmbeddingRepository.Searchable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScopeIndexTest {
    private static final int DIMENSIONS = 384;

    @TempDir
    Path dir;

    private final List<Searchable> stored = new ArrayList<>();
    private SmallSegments segments = new SmallSegments(8);
    /** Searches several segments at once, as the service does. */
    private final ExecutorService searching = Executors.newFixedThreadPool(2);
    private ScopeIndex index;

    @AfterEach
    void close() throws Exception {
        index.close();
        searching.shutdown();
    }

    @Test
    void meaningIsFoundWithItsCosineAndAsManyAtOnceAsThereAre() {
        Random random = new Random(5);
        float[] query = unit(random);
        for (int i = 0; i < 300; i++) {
            store("t" + i, blend(query, unit(random), Math.min(1f, i / 10f)), null);
        }
        index = open();
        assertThat(index.topUp(100)).isEqualTo(100);
        assertThat(index.nearest(query, 5, Set.of(), Set.of())).hasSize(5); // the first page is searchable already
        while (index.topUp(100) == 100) {
            // the rest of the backlog
        }

        List<ScoredEmbedding> nearest = index.nearest(query, 3, Set.of("t0"), Set.of());

        assertThat(nearest).extracting(near -> near.owner().id()).containsExactly("t1", "t2", "t3");
        Searchable second = stored.get(2);
        assertThat(nearest.get(1).owner().score()).isCloseTo(dot(query, second.vector()), within(0.02));
    }

    @Test
    void aBacklogReadPageByPageIsMergedIntoOneSegmentThatFindsTheSame() {
        Random random = new Random(11);
        float[] query = unit(random);
        for (int i = 0; i < 300; i++) {
            store("t" + i, blend(query, unit(random), Math.min(1f, i / 10f)), "round " + i + (i == 150 ? " boiler" : ""));
        }
        index = open();
        while (index.topUp(30) == 30) {
            // one segment per page
        }
        // the nine that lean toward the query, and the word only one turn holds, found across the segments at once
        List<String> before = ids(index.nearest(query, 9, Set.of(), Set.of()));
        assertThat(index.segments()).isGreaterThan(5);
        assertThat(index.matches("the boiler", 5, Set.of())).extracting(ScoredId::id).containsExactly("t150");

        index.compact();

        assertThat(index.segments()).isEqualTo(1);
        assertThat(ids(index.nearest(query, 9, Set.of(), Set.of()))).isEqualTo(before).startsWith("t0", "t1", "t2");
        assertThat(index.matches("the boiler", 5, Set.of())).extracting(ScoredId::id).containsExactly("t150");
    }

    @Test
    void aSearchWithinAStretchOfTimeFindsOnlyWhatWasSaidThen() {
        Random random = new Random(3);
        float[] query = unit(random);
        float[] away = unit(random);
        Instant newYear = Instant.parse("2023-01-01T12:00:00Z");
        for (int day = 0; day < 200; day++) {
            boolean may = day >= 120 && day < 151;
            // the turns outside May are the closest of all; in May, the earlier the closer
            store("day" + day, blend(query, away, may ? 0.3f + (day - 120) * 0.02f : 0f), "a day",
                    newYear.plus(Duration.ofDays(day)));
        }
        index = open();
        while (index.topUp(50) == 50) {
            // several segments
        }

        List<ScoredEmbedding> may = index.nearestWithin(query, Instant.parse("2023-05-01T00:00:00Z"),
                Instant.parse("2023-05-31T23:59:59Z"), 4, Set.of("day120"), Set.of());

        assertThat(ids(may)).containsExactly("day121", "day122", "day123", "day124");
    }

    private static List<String> ids(List<ScoredEmbedding> found) {
        return found.stream().map(near -> near.owner().id()).toList();
    }

    @Test
    void aTurnScoresTheRarityOfTheWordsItSharesWithTheMessage() {
        store("rare", vector(1), "The plumber finally fixed our boiler.");
        for (int i = 0; i < 20; i++) {
            store("common" + i, vector(i + 2), "Sable, Sable, who is finally here? Round " + i);
        }
        store("chunk", vector(40), null); // a document chunk: found by meaning only
        index = open();
        index.topUp(1000);

        List<ScoredId> found = index.matches("Sable, who finally fixed the boiler?", 3, Set.of());

        assertThat(found.get(0).id()).isEqualTo("rare");
        double turns = 21;
        double boiler = Math.log(1 + (turns - 1 + 0.5) / 1.5);
        double finallyWord = Math.log(1 + (turns - 21 + 0.5) / 21.5);
        assertThat(found.get(0).score()).isCloseTo(2 * boiler + finallyWord, within(1e-3));
    }

    @Test
    void aSearchReadsTheRarestWordsUntilTheTurnsHoldingThemReachItsBudget() {
        store("rare", vector(1), "The plumber finally fixed our boiler.");
        for (int i = 0; i < 20; i++) {
            store("common" + i, vector(i + 2), "Sable, Sable, who is finally here? Round " + i);
        }
        index = open(25); // boiler 1, fixed 1, sable 20: 22 read; finally would make it 43
        index.topUp(100);

        List<ScoredId> found = index.matches("Sable, who finally fixed the boiler?", 3, Set.of());

        double turns = 21;
        double boiler = Math.log(1 + (turns - 1 + 0.5) / 1.5);
        double sable = Math.log(1 + (turns - 20 + 0.5) / 20.5);
        assertThat(found).extracting(ScoredId::id).startsWith("rare", "common0");
        assertThat(found.get(0).score()).isCloseTo(2 * boiler, within(1e-3));
        assertThat(found.get(1).score()).isCloseTo(sable, within(1e-3));
    }

    @Test
    void aSearchAlwaysReadsTheRarestWordHoweverManyTurnsHoldIt() {
        for (int i = 0; i < 20; i++) {
            store("common" + i, vector(i + 2), "Sable is finally here, round " + i);
        }
        index = open(5);
        index.topUp(100);

        List<ScoredId> found = index.matches("Finally, Sable!", 30, Set.of());

        double eitherWord = Math.log(1 + 0.5 / 20.5);
        assertThat(found).hasSize(20).allSatisfy(turn -> assertThat(turn.score()).isCloseTo(eitherWord, within(1e-3)));
    }

    @Test
    void aSearchLeavesOutTheTurnsOfTheConversationsItIsToldWereUnseen() {
        float[] query = vector(1);
        store("garden", query, "The spare key hangs in the potting shed.", Instant.EPOCH, "discord:guild:1");
        store("lab", query, "The spare key hangs in the cold room.", Instant.EPOCH, "discord:guild:2");
        index = open();
        index.topUp(10);
        Set<String> unseen = Set.of("discord:guild:2");

        assertThat(index.matches("spare key", 5, Set.of())).extracting(ScoredId::id).contains("garden", "lab");
        assertThat(index.matches("spare key", 5, unseen)).extracting(ScoredId::id).containsExactly("garden");
        assertThat(ids(index.nearest(query, 5, Set.of(), unseen))).containsExactly("garden");
        assertThat(ids(index.nearestWithin(query, Instant.EPOCH, Instant.EPOCH, 5, Set.of(), unseen)))
                .containsExactly("garden");
    }

    @Test
    void anOwnerStoredAgainIsReplacedAndAForgottenOneIsNoLongerFound() {
        store("edited", vector(1), "We met at the harbour.");
        store("deleted", vector(2), "The harbour smelled of tar.");
        index = open();
        index.topUp(10);
        store("edited", vector(3), "We met at the station.");
        index.drop(List.of("deleted"));
        index.topUp(10);

        assertThat(index.matches("harbour", 5, Set.of())).isEmpty();
        assertThat(index.matches("the station", 5, Set.of())).extracting(ScoredId::id).containsExactly("edited");
    }

    @Test
    void aDeletedTurnGoesWithTheRepliesToItAndAnErasedUserWithEverythingByOrAboutThem() {
        storeTurn("mira-1", "My spare key is under the blue flowerpot.", "mira", null);
        storeTurn("reply-1", "Under the blue flowerpot, noted.", "mira", "mira-1");
        storeTurn("teo-1", "The blue flowerpot was a gift from my aunt.", "teo", null);
        storeTurn("reply-2", "What a kind aunt, and a blue flowerpot too.", "teo", "teo-1");
        storeTurn("mira-2", "The blue flowerpot cracked in the frost.", "mira", null);
        storeTurn("reply-3", "A cracked blue flowerpot, how sad.", "mira", "mira-2");
        index = open();
        index.topUp(10);

        index.dropDeleted("teo-1");
        assertThat(index.matches("blue flowerpot", 10, Set.of())).extracting(ScoredId::id)
                .containsExactlyInAnyOrder("mira-1", "reply-1", "mira-2", "reply-3");

        index.dropUser(Sha256.hex("mira"));
        assertThat(index.matches("blue flowerpot", 10, Set.of())).isEmpty();
    }

    @Test
    void smallTopUpsStayInMemoryWithinTheBudgetAndGiveItBackWhenClosed() throws Exception {
        index = open();
        for (int i = 0; i < 20; i++) {
            store("t" + i, vector(i), "turn number " + i + " about the lighthouse");
            index.topUp(10);
        }

        assertThat(index.matches("lighthouse", 30, Set.of())).hasSize(20);
        assertThat(segmentFilesOnDisk()).isEmpty();
        assertThat(segments.inMemoryBytes()).isPositive();
        index.close();
        assertThat(segments.inMemoryBytes()).isZero();
        index = open(); // for close()
    }

    @Test
    void withoutABudgetEverySegmentIsWrittenToDisk() throws Exception {
        segments = new SmallSegments(0);
        index = open();
        store("t0", vector(0), "the lighthouse keeper");
        index.topUp(10);

        assertThat(index.matches("lighthouse", 5, Set.of())).hasSize(1);
        assertThat(segmentFilesOnDisk()).isNotEmpty();
    }

    @Test
    void aSegmentLargerThanTheBudgetIsWrittenToDiskAndFoundTheSame() throws Exception {
        segments = new SmallSegments(0.01);
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            store("t" + i, unit(random), "turn " + i + (i == 120 ? " lighthouse" : ""));
        }
        index = open();
        index.topUp(200);

        assertThat(index.matches("lighthouse", 5, Set.of())).extracting(ScoredId::id).containsExactly("t120");
        assertThat(segmentFilesOnDisk()).isNotEmpty();
        assertThat(segments.inMemoryBytes()).isLessThanOrEqualTo((long) (0.01 * 1024 * 1024));
    }

    private List<Path> segmentFilesOnDisk() throws Exception {
        try (var files = java.nio.file.Files.list(dir)) {
            return files.filter(file -> !file.getFileName().toString().equals("write.lock")).toList();
        }
    }

    private ScopeIndex open() {
        return open(200_000);
    }

    private ScopeIndex open(int postingsPerSearch) {
        return new ScopeIndex("discord:guild:1", dir, segments, searching, postingsPerSearch,
                (after, most) -> stored.stream().filter(e -> e.seq() > after).limit(most).toList());
    }

    private void store(String id, float[] vector, String words) {
        store(id, vector, words, words == null ? null : Instant.EPOCH);
    }

    private void store(String id, float[] vector, String words, Instant at) {
        store(id, vector, words, at, words == null ? null : "discord:guild:1");
    }

    private void store(String id, float[] vector, String words, Instant at, String conversation) {
        stored.add(new Searchable(stored.size() + 1, words == null ? "document" : "message", id, vector, words, at,
                conversation, null, Set.of()));
    }

    /** A turn by {@code user} or, with {@code inReplyTo}, a persona's reply to {@code user}'s turn. */
    private void storeTurn(String id, String words, String user, String inReplyTo) {
        stored.add(new Searchable(stored.size() + 1, "message", id, vector(stored.size()), words, Instant.EPOCH,
                "discord:guild:1", inReplyTo, inReplyTo == null ? Set.of(user) : Set.of("sable", user)));
    }

    private static float[] vector(int seed) {
        return unit(new Random(seed));
    }

    private static float[] unit(Random random) {
        float[] v = new float[DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return normalised(v);
    }

    private static float[] blend(float[] toward, float[] away, float share) {
        float[] v = new float[DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = (1 - share) * toward[i] + share * away[i];
        }
        return normalised(v);
    }

    private static float[] normalised(float[] v) {
        double norm = Math.sqrt(dot(v, v));
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) norm;
        }
        return v;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
