package io.acore.memory.recall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetellingsTest {
    private static final String TOLD = "We adopted a dog called Biscuit from the shelter on Elm Street last spring.";
    private static final String ASKED = "What is the name of Maria's dog?";
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aReplyMadeOfItsQuestionAndAnEarlierTurnRetellsThem() {
        assertThat(lastRetells(TOLD, ASKED, "Maria's dog is called Biscuit, adopted from the shelter on Elm Street."))
                .isTrue();
    }

    @Test
    void aTurnThatAddsSomethingOfItsOwnIsNoRetelling() {
        assertThat(lastRetells(TOLD, ASKED, "Biscuit bit the postman on Monday and hid under the porch all day."))
                .isFalse();
    }

    @Test
    void wordsSpreadOverThreeOrMoreEarlierTurnsAreNoRetelling() {
        assertThat(lastRetells("Biscuit", "pottery", "chess", "Biscuit, pottery and chess")).isFalse();
    }

    @Test
    void aTurnWithoutWordsOrWithNothingBeforeItIsNoRetelling() {
        assertThat(lastRetells(TOLD, "?!")).isFalse();
        assertThat(lastRetells(TOLD)).isFalse();
    }

    @Test
    void onlyWhatWasSaidBeforeCountsWhereverItStandsInTheList() {
        Retellings retellings = new Retellings(List.of(
                new Retellings.Told(START.plusSeconds(60), Words.of("Biscuit is a beagle from the shelter")),
                new Retellings.Told(START, Words.of("Biscuit is a beagle from the shelter")),
                new Retellings.Told(START, Words.of("Biscuit is a beagle from the shelter"))));

        assertThat(retellings.retells(0)).isTrue();
        assertThat(retellings.retells(1)).as("said at the same moment: not before").isFalse();
        assertThat(retellings.retells(2)).isFalse();
    }

    /**
     * The same answers as comparing each turn with every earlier one, the one sharing the most words first (the first
     * in the list among equals), on turns drawn from a small vocabulary so that turns share many words and tie often.
     */
    @Test
    void answersAsComparingEachTurnWithEveryEarlierOne() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            List<Retellings.Told> turns = new ArrayList<>();
            int count = 1 + random.nextInt(40);
            for (int i = 0; i < count; i++) {
                Set<String> words = new HashSet<>();
                int size = random.nextInt(8);
                for (int w = 0; w < size; w++) {
                    words.add("w" + random.nextInt(12));
                }
                turns.add(new Retellings.Told(START.plusSeconds(random.nextInt(10)), words));
            }
            Retellings retellings = new Retellings(turns);
            for (int place = 0; place < count; place++) {
                Retellings.Told turn = turns.get(place);
                List<Set<String>> earlier = turns.stream().filter(other -> other.at().isBefore(turn.at()))
                        .map(Retellings.Told::words).toList();
                assertThat(retellings.retells(place)).as("trial %d, turn %d", trial, place)
                        .isEqualTo(retellsComparingEachPair(turn.words(), earlier));
            }
        }
    }

    private static boolean lastRetells(String... texts) {
        List<Retellings.Told> turns = IntStream.range(0, texts.length)
                .mapToObj(i -> new Retellings.Told(START.plusSeconds(i), Words.of(texts[i]))).toList();
        return new Retellings(turns).retells(texts.length - 1);
    }

    private static boolean retellsComparingEachPair(Set<String> words, Collection<Set<String>> earlier) {
        if (words.isEmpty()) {
            return false;
        }
        Set<String> first = Set.of();
        long most = -1;
        for (Set<String> said : earlier) {
            long shared = words.stream().filter(said::contains).count();
            if (shared > most) {
                first = said;
                most = shared;
            }
        }
        Set<String> rest = new HashSet<>(words);
        rest.removeAll(first);
        long second = earlier.stream().mapToLong(said -> rest.stream().filter(said::contains).count()).max()
                .orElse(0);
        return words.size() - rest.size() + second >= Retellings.SHARE * words.size();
    }
}
