package io.acore.memory.facts;

import static org.assertj.core.api.Assertions.assertThat;

import io.acore.events.ConversationId;
import io.acore.events.Role;
import io.acore.memory.repository.FactRepository.Holding;
import io.acore.memory.repository.StoredMessage;
import io.acore.memory.repository.FactRepository.TurnToCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FactExtractorTest {
    @Test
    void oneCallReadsOneSpeakersTurnsInOneScopeToOnePersonaAtMostEightOldestFirst() {
        List<TurnToCheck> due = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            due.add(turn("ana-" + i, "discord:1", "discord:ana", "sable"));
            if (i < 2) {
                due.add(turn("ben-" + i, "discord:1", "discord:ben", "sable"));
                due.add(turn("ana-quill-" + i, "discord:1", "discord:ana", "quill"));
                due.add(turn("ana-dm-" + i, "discord:dm:9", "discord:ana", "sable"));
            }
        }

        List<List<String>> calls = FactExtractor.perSpeaker(due).stream()
                .map(turns -> turns.stream().map(TurnToCheck::id).toList()).toList();

        assertThat(calls).containsExactly(
                List.of("ana-0", "ana-1", "ana-2", "ana-3", "ana-4", "ana-5", "ana-6", "ana-7"),
                List.of("ana-8", "ana-9"),
                List.of("ben-0", "ben-1"),
                List.of("ana-quill-0", "ana-quill-1"),
                List.of("ana-dm-0", "ana-dm-1"));
    }

    @Test
    void aTurnOfOneWordOrNoneSaysNothingAboutItsSpeaker() {
        assertThat(FactExtractor.maySayAnything(turn("a", "s", "u", "p", "lol"))).isFalse();
        assertThat(FactExtractor.maySayAnything(turn("a", "s", "u", "p", "  ok!  "))).isFalse();
        assertThat(FactExtractor.maySayAnything(turn("a", "s", "u", "p", "🙂"))).isFalse();
        assertThat(FactExtractor.maySayAnything(turn("a", "s", "u", "p", "I'm vegan"))).isTrue();
    }

    @Test
    void theModelReadsWhatHoldsAboutTheSpeakerThenTheirTurnsEachAfterWhatItAnswers() {
        List<TurnToCheck> turns = List.of(turn("a", "s", "u", "p", "Porto, why?"),
                turn("b", "s", "u", "p", "I like chess"), turn("c", "s", "u", "p", "me too"));
        String input = FactExtractor.input(List.of(new Holding("home", "lives in Lisbon"),
                new Holding("likes tea", "likes\ntea")), turns, Map.of(
                        "a", said("q", Role.PERSONA, "Sable", "Where do you\nlive these days?"),
                        "b", said("a", Role.PERSONA, "name", "Porto, why?"),
                        "c", said("x", Role.USER, "Olga", "I like herring")));

        assertThat(input).as("each turn after the persona's line before it; never another member's")
                .isEqualTo("""
                Known:
                "home": "lives in Lisbon"
                "likes tea": "likes\\ntea"
                Speaker: "name"
                Before: "Sable": "Where do you\\nlive these days?"
                Message: "Porto, why?"
                Message: "I like chess"
                Message: "me too\"""");
        assertThat(FactExtractor.input(List.of(), List.of(turn("a", "s", "u", "p", "I like chess")), Map.of()))
                .startsWith("Known: nothing yet\nSpeaker: \"name\"\n");
    }

    private static StoredMessage said(String id, Role role, String author, String content) {
        return new StoredMessage(id, ConversationId.web("c"), "web:c", role, "sable", author, false, content,
                null, "t", Instant.EPOCH);
    }

    private static TurnToCheck turn(String id, String scope, String user, String persona) {
        return turn(id, scope, user, persona, "I live in Lisbon");
    }

    private static TurnToCheck turn(String id, String scope, String user, String persona, String content) {
        return new TurnToCheck(id, "web:" + scope, scope, user, "name", content, Instant.EPOCH, persona);
    }
}
