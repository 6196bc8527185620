package io.acore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A short burst through the whole stack on every build, against gross regressions only: bench/run measures for real
 * (docs/benchmarks.md). 30 web conversations post at once, the stub model answering after 2 s (long
 * enough that a slower machine does not fail it, short enough that acore's part still counts); the figures are
 * printed either way.
 */
@Timeout(300)
class BurstGuardIT {
    private static final int MODEL_MILLIS = 2000;

    @Test
    void aWarmBurstIsAnsweredWithinTwiceTheModelsTime() throws Exception {
        Path root = Path.of(System.getProperty("acore.root", "..")).toAbsolutePath().normalize();
        Bench.Settings settings = new Bench.Settings(30, 2, 3, MODEL_MILLIS, 0, Duration.ofSeconds(1), 0);
        Bench.Result result = Bench.run(root, settings,
                Path.of(System.getProperty("acore.bench.logs", "target/bench-logs")));

        assertThat(result.mostInFlightWarm()).as("model calls in flight together").isGreaterThanOrEqualTo(15);
        assertThat(result.warmP95PerModel()).as("warm p95 / model latency").isLessThanOrEqualTo(2.0);
    }
}
