package io.acore.memory.recall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DatePhrasesTest {
    private static final Instant NOW = Instant.parse("2026-12-03T18:00:00Z");

    @Test
    void aDayReachesFromTheDayBeforeToTenDaysAfterIt() {
        for (String asked : new String[] {"Who did Maria have dinner with on May 3, 2023?",
                "What was the pet John said goodbye to on 3 June, 2023?".replace("3 June", "3 May"),
                "what happened on the 3rd of may 2023"}) {
            DatePhrases.Window window = DatePhrases.in(asked, NOW).orElseThrow();
            assertThat(window.holds(Instant.parse("2023-05-02T12:00:00Z"))).as(asked).isTrue();
            assertThat(window.holds(Instant.parse("2023-05-13T12:00:00Z"))).as(asked).isTrue();
            assertThat(window.holds(Instant.parse("2023-05-15T12:00:00Z"))).as(asked).isFalse();
            assertThat(window.holds(Instant.parse("2023-04-30T12:00:00Z"))).as(asked).isFalse();
        }
    }

    @Test
    void aMonthAYearAndAMonthWithoutItsYear() {
        DatePhrases.Window december = DatePhrases.in("What class did Maria start in December 2023?", NOW)
                .orElseThrow();
        assertThat(december.holds(Instant.parse("2023-12-20T00:00:00Z"))).isTrue();
        assertThat(december.holds(Instant.parse("2024-01-08T00:00:00Z"))).isTrue();
        assertThat(december.holds(Instant.parse("2024-02-01T00:00:00Z"))).isFalse();

        DatePhrases.Window march = DatePhrases.in("what did I tell you in March?", NOW).orElseThrow();
        assertThat(march.holds(Instant.parse("2026-03-15T00:00:00Z"))).isTrue();
        assertThat(march.holds(Instant.parse("2025-03-15T00:00:00Z"))).isFalse();

        DatePhrases.Window year = DatePhrases.in("Where did she live in 2022?", NOW).orElseThrow();
        assertThat(year.holds(Instant.parse("2022-07-01T00:00:00Z"))).isTrue();
        assertThat(year.holds(Instant.parse("2023-03-01T00:00:00Z"))).isFalse();
    }

    @Test
    void relativePhrasesCountBackFromNow() {
        DatePhrases.Window twoYears = DatePhrases.in("what did Sam say two years ago?", NOW).orElseThrow();
        assertThat(twoYears.holds(Instant.parse("2024-11-20T00:00:00Z"))).isTrue();
        assertThat(twoYears.holds(Instant.parse("2026-06-01T00:00:00Z"))).isFalse();

        DatePhrases.Window lastWeek = DatePhrases.in("the film you mentioned last week", NOW).orElseThrow();
        assertThat(lastWeek.holds(Instant.parse("2026-11-27T00:00:00Z"))).isTrue();
        assertThat(lastWeek.holds(Instant.parse("2026-10-01T00:00:00Z"))).isFalse();
    }

    @Test
    void noDatePhraseNoWindowAndMayAloneIsNoMonth() {
        assertThat(DatePhrases.in("What martial arts has John done?", NOW)).isEmpty();
        assertThat(DatePhrases.in("May I ask what you may have meant?", NOW)).isEmpty();
    }

    @Test
    void aDayThatDoesNotExistFallsBackToItsMonth() {
        DatePhrases.Window february = DatePhrases.in("It was on 31 February 2023, sure", NOW).orElseThrow();
        assertThat(february.holds(Instant.parse("2023-02-20T00:00:00Z"))).isTrue();
        assertThat(february.holds(Instant.parse("2023-04-20T00:00:00Z"))).isFalse();
    }
}
