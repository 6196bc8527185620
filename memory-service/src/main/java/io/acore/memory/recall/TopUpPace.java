package io.acore.memory.recall;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How often a scope's cached state is topped up from the database: at most once a second. What was stored in the last
 * second barely changes a search over thousands of turns, and skipping the round trip keeps it off the reply path.
 * Not thread-safe: its owner holds the lock.
 */
final class TopUpPace {
    private static final long EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final LongSupplier nanoClock;
    private long last;
    private boolean started;

    TopUpPace() {
        this(System::nanoTime);
    }

    TopUpPace(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Whether a top-up is due now; if so, the clock starts again. */
    boolean due() {
        long now = nanoClock.getAsLong();
        if (started && now - last < EVERY_NANOS) {
            return false;
        }
        started = true;
        last = now;
        return true;
    }
}
