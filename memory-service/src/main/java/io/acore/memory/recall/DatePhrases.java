package io.acore.memory.recall;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stretch of time a message's date phrases point at, so that recall can favour what was said then: "on 3 June,
 * 2023", "May 3, 2023", "in December 2023", "in March", "in 2022", "yesterday", "last week", "two years ago". People
 * tell of something days after it happened, so a day or a month reaches ten days past its end. The first phrase
 * found counts; times are UTC.
 */
public final class DatePhrases {
    /** How long after a day or month people still tell of what happened in it. */
    private static final Duration TOLD_LATER = Duration.ofDays(10);
    private static final String MONTH = "(january|february|march|april|may|june|july|august|september|october"
            + "|november|december)";
    private static final String DAY = "(\\d{1,2})(?:st|nd|rd|th)?";
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("\\b" + DAY + " (?:of )?" + MONTH + ",? (\\d{4})\\b");
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile("\\b" + MONTH + " " + DAY + ",? (\\d{4})\\b");
    private static final Pattern MONTH_YEAR = Pattern.compile("\\b" + MONTH + ",? (\\d{4})\\b");
    private static final Pattern IN_MONTH = Pattern.compile("\\b(?:in|during|since|last) " + MONTH + "\\b");
    private static final Pattern YEAR = Pattern.compile("\\b(?:in|during|since|of) ((?:19|20)\\d\\d)\\b");
    private static final Pattern AGO = Pattern.compile(
            "\\b(\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten) (day|week|month|year)s? ago\\b");
    private static final Map<String, Duration> LAST = Map.of("yesterday", Duration.ofDays(2),
            "last week", Duration.ofDays(14), "last month", Duration.ofDays(62), "last year", Duration.ofDays(730));
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(Map.entry("a", 1), Map.entry("an", 1),
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4),
            Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8),
            Map.entry("nine", 9), Map.entry("ten", 10));
    private static final Map<String, Duration> UNITS = Map.of("day", Duration.ofDays(1), "week", Duration.ofDays(7),
            "month", Duration.ofDays(30), "year", Duration.ofDays(365));

    private DatePhrases() {
    }

    /** From when until when (both included). */
    public record Window(Instant from, Instant until) {
        boolean holds(Instant at) {
            return !at.isBefore(from) && !at.isAfter(until);
        }
    }

    /** The window of the message's first date phrase, {@code now} being when it is asked; empty without one. */
    public static Optional<Window> in(String message, Instant now) {
        String text = message.toLowerCase(Locale.ROOT);
        return first(DAY_MONTH_YEAR, text, m -> day(m.group(3), m.group(2), m.group(1)))
                .or(() -> first(MONTH_DAY_YEAR, text, m -> day(m.group(3), m.group(1), m.group(2))))
                .or(() -> first(MONTH_YEAR, text, m -> month(YearMonth.of(Integer.parseInt(m.group(2)),
                        monthNumber(m.group(1))))))
                .or(() -> first(IN_MONTH, text, m -> month(latest(monthNumber(m.group(1)), now))))
                .or(() -> first(YEAR, text, m -> year(Integer.parseInt(m.group(1)))))
                .or(() -> first(AGO, text, m -> ago(m.group(1), m.group(2), now)))
                .or(() -> LAST.entrySet().stream().filter(last -> text.contains(last.getKey())).findFirst()
                        .map(last -> new Window(now.minus(last.getValue()), now)));
    }

    private static Optional<Window> first(Pattern pattern, String text, Function<Matcher, Window> window) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            try {
                return Optional.of(window.apply(matcher));
            } catch (DateTimeException notADate) {
                // "31 February 2023": look further
            }
        }
        return Optional.empty();
    }

    private static Window day(String year, String month, String day) {
        LocalDate date = LocalDate.of(Integer.parseInt(year), monthNumber(month), Integer.parseInt(day));
        Instant start = date.atStartOfDay().toInstant(ZoneOffset.UTC);
        return new Window(start.minus(Duration.ofDays(1)), start.plus(Duration.ofDays(1)).plus(TOLD_LATER));
    }

    private static Window month(YearMonth month) {
        Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return new Window(start.minus(Duration.ofDays(1)), end.plus(TOLD_LATER));
    }

    private static Window year(int year) {
        return new Window(LocalDate.of(year, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC),
                LocalDate.of(year + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC).plus(TOLD_LATER));
    }

    /** "two weeks ago": around that moment, give or take a quarter of the span (at least two days). */
    private static Window ago(String count, String unit, Instant now) {
        int n = count.chars().allMatch(Character::isDigit) ? Integer.parseInt(count) : NUMBERS.get(count);
        Duration span = UNITS.get(unit).multipliedBy(n);
        Duration slack = span.dividedBy(4).compareTo(Duration.ofDays(2)) < 0 ? Duration.ofDays(2) : span.dividedBy(4);
        Instant then = now.minus(span);
        return new Window(then.minus(slack), then.plus(slack));
    }

    /** The most recent such month that has begun by {@code now}. */
    private static YearMonth latest(int month, Instant now) {
        YearMonth current = YearMonth.from(now.atZone(ZoneOffset.UTC));
        YearMonth candidate = current.withMonth(month);
        return candidate.isAfter(current) ? candidate.minusYears(1) : candidate;
    }

    private static int monthNumber(String name) {
        return Month.valueOf(name.toUpperCase(Locale.ROOT)).getValue();
    }
}
