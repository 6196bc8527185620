package io.acore.memory.facts;

import static org.assertj.core.api.Assertions.assertThat;

import io.acore.events.api.RememberedFact;
import io.acore.memory.repository.FactRepository.HeldFact;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FactChoiceTest {
    private static final Instant SAID = Instant.parse("2026-01-01T00:00:00Z");
    private static final float[] HOME = {1, 0, 0};
    private static final float[] DRINK = {0, 1, 0};
    private static final float[] GAMES = {0, 0, 1};

    @Test
    void theFactsTheMessageIsAboutComeFirstAndTheRestMakeRoomForThem() {
        List<HeldFact> held = List.of(holds("likes tea", 0.9, DRINK), holds("likes chess", 0.5, GAMES),
                holds("lives in Porto", 0.9, HOME));

        assertThat(contents(FactChoice.forMessage(held, Optional.of(new float[] {0, 0.2f, 0.98f}), 2)))
                .containsExactly("likes chess", "likes tea");
    }

    @Test
    void whatHeldBeforeComesWhenTheMessageIsAboutItButNeverBeforeWhatHoldsOnTheSameSubject() {
        List<HeldFact> held = List.of(holds("likes tea", 0.9, DRINK), past("lives in Lisbon", HOME),
                holds("lives in Porto", 0.9, HOME));

        assertThat(contents(FactChoice.forMessage(held, Optional.of(HOME), 2)))
                .containsExactly("lives in Porto", "lives in Lisbon");
        assertThat(contents(FactChoice.forMessage(held, Optional.of(new float[] {0.6f, 0.8f, 0}), 2)))
                .as("on another subject, what holds goes first").containsExactly("likes tea", "lives in Porto");
    }

    @Test
    void withoutMeaningsWhatHoldsComesFirstThenTheSurest() {
        List<HeldFact> held = List.of(past("lives in Lisbon", null), holds("likes chess", 0.5, null),
                holds("likes tea", 0.9, DRINK));

        assertThat(contents(FactChoice.forMessage(held, Optional.empty(), 3)))
                .containsExactly("likes tea", "likes chess", "lives in Lisbon");
    }

    private static HeldFact holds(String content, double confidence, float[] vector) {
        return new HeldFact(new RememberedFact("fact", content, true, SAID, null), confidence, vector);
    }

    private static HeldFact past(String content, float[] vector) {
        return new HeldFact(new RememberedFact("fact", content, true, SAID.minusSeconds(86_400), SAID), 0.9, vector);
    }

    private static List<String> contents(List<RememberedFact> facts) {
        return facts.stream().map(RememberedFact::content).toList();
    }
}
