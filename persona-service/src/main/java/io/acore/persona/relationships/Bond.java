package io.acore.persona.relationships;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Where a persona stands with a member (affection) or another persona (affinity), from 0 to 100, and when they last
 * had to do with each other. Without contact it fades slowly: after two weeks, a point a week back towards where it
 * started.
 */
public record Bond(Kind kind, int score, Instant lastContact) {
    private static final Duration GRACE = Duration.ofDays(14);
    private static final Duration FADE_STEP = Duration.ofDays(7);
    private static final List<String> STAGES = List.of("a stranger", "an acquaintance", "a friend", "a close friend",
            "a best friend");

    /** Who the persona stands with, and where that starts. */
    public enum Kind {
        MEMBER(0), PERSONA(50);

        private final int start;

        Kind(int start) {
            this.start = start;
        }

        public int start() {
            return start;
        }

        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static Bond first(Kind kind, Instant now) {
        return new Bond(kind, kind.start(), now);
    }

    /** The score as it stands at {@code now}, faded for the time without contact. */
    public int scoreAt(Instant now) {
        long idle = Duration.between(lastContact, now).minus(GRACE).toMillis();
        if (idle <= 0) {
            return score;
        }
        int faded = (int) Math.min(100, idle / FADE_STEP.toMillis());
        return score > kind.start() ? Math.max(kind.start(), score - faded) : Math.min(kind.start(), score + faded);
    }

    /** What a member is to the persona at {@code now}: a stranger (under 20) up to a best friend (80 and over). */
    public String stageAt(Instant now) {
        return STAGES.get(Math.min(STAGES.size() - 1, scoreAt(now) / 20));
    }
}
