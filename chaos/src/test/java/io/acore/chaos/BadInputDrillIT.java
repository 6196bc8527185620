package io.acore.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bad chat input and malformed records on every topic: no 5xx, nothing stuck, everything dead-lettered. */
@Timeout(300)
class BadInputDrillIT {

    @Test
    void badInputIsRefusedWithAReasonAndTheStackCarriesOn() throws Exception {
        Path root = Path.of(System.getProperty("acore.root", "..")).toAbsolutePath().normalize();
        BadInputDrill.Result result = BadInputDrill.run(root, 400,
                Path.of(System.getProperty("acore.chaos.logs", "target/chaos-logs")));

        assertThat(result.serverErrors()).as("5xx answers: %s", result.statuses()).isZero();
        assertThat(result.statuses()).containsKeys(202, 400, 413);
        assertThat(result.deadLettered()).isEqualTo(result.malformedRecords());
        assertThat(result.allReady()).isTrue();
        assertThat(result.stillAnswers()).isTrue();
    }
}
