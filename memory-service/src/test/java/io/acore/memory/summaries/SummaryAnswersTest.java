package io.acore.memory.summaries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acore.memory.repository.SummaryRepository.Summary;
import io.acore.memory.repository.SummaryRepository.Turn;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryAnswersTest {
    @Test
    void aPreambleIsDroppedAndTheSummaryKept() {
        assertThat(SummaryAnswers.read("Here is the updated summary:\nAda moved to Porto in March.").summary())
                .isEqualTo("Ada moved to Porto in March.");
        assertThat(SummaryAnswers.read("Sure! Here's the new summary of the chat: Ada moved.").summary())
                .isEqualTo("Ada moved.");
        assertThat(SummaryAnswers.read("Summary: Ada moved.").summary()).isEqualTo("Ada moved.");
        assertThat(SummaryAnswers.read("Ada summarised her week: work, then Porto.").summary())
                .as("a summary that mentions a summary is kept whole").isEqualTo("Ada summarised her week: work, then Porto.");
    }

    @Test
    void aRefusalOrNothingIsNoSummary() {
        assertThatThrownBy(() -> SummaryAnswers.read("I'm sorry, but I can't help with that.").summary())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("declined");
        assertThatThrownBy(() -> SummaryAnswers.read("As an AI language model, I cannot summarise this.").summary())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SummaryAnswers.read("Here is the summary:  ").summary())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no summary");
    }

    @Test
    void aJsonAnswerGivesTheSummaryAndTheEpisodeOfTheFoldedTurns() {
        SummaryAnswers.Fold fold = SummaryAnswers.read("""
                ```json
                {'summary': 'Summary: Ada moved to Porto in March; Bo asked why.',
                 "episode": "On 2026-03-02 Ada told Bo she had moved to Porto.",}
                ```""");

        assertThat(fold.summary()).isEqualTo("Ada moved to Porto in March; Bo asked why.");
        assertThat(fold.episode()).contains("On 2026-03-02 Ada told Bo she had moved to Porto.");
        assertThat(SummaryAnswers.read("{\"summary\": \"Ada moved.\", \"episode\": \"  \"}").episode())
                .as("an empty episode is none").isEmpty();
        assertThat(SummaryAnswers.read("{\"summary\": \"Ada moved.\", \"episode\": \"I'm sorry, I can't.\"}")
                .episode()).as("a refused episode is none").isEmpty();
        assertThat(SummaryAnswers.read("Ada moved; her {old} flat is let.").summary())
                .as("plain text, braces and all").isEqualTo("Ada moved; her {old} flat is let.");
        assertThatThrownBy(() -> SummaryAnswers.read("{\"summary\": \"I'm sorry, I cannot do that.\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("declined");
    }

    @Test
    void theTurnsReachTheModelUnderTheDayTheyWereSaidOn() {
        String input = SummaryMaker.input(Summary.NONE, List.of(
                new Turn(1, "s", "u1", "Ada", "We moved!", Instant.parse("2026-03-02T09:00:00Z")),
                new Turn(2, "s", "u2", "Bo", "Where\nto?", Instant.parse("2026-03-02T23:59:00Z")),
                new Turn(3, "s", "u1", "Ada", "Porto.", Instant.parse("2026-03-03T08:00:00Z"))));

        assertThat(input).isEqualTo("""
                Summary so far: (none yet)

                Turns:
                On 2026-03-02:
                "Ada": "We moved!"
                "Bo": "Where\\nto?"
                On 2026-03-03:
                "Ada": "Porto."
                """);
    }
}
