package io.acore.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.acore.devstack.StackConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Short crash drills on every build: persona-service (one of two replicas), then gateway-service, killed with SIGKILL
 * in the middle of web and Discord traffic and started again. Every accepted message is answered exactly once, by
 * the persona its conversation is with (most name nobody), and answering resumes within seconds.
 */
@Timeout(300)
class KillDrillIT {

    @Test
    void killingPersonaServiceMidTrafficLosesAndDoublesNothing() throws Exception {
        Path root = Path.of(System.getProperty("acore.root", "..")).toAbsolutePath().normalize();
        KillDrill.Result result = KillDrill.run(root,
                new KillDrill.Settings(StackConfig.PERSONA, 60, 20, 6, 10, 6, 1000, 500, 0, 2),
                Path.of(System.getProperty("acore.chaos.logs", "target/chaos-logs")));

        assertThat(result.accepted()).isEqualTo(60);
        assertThat(result.exactlyOnce()).as("0 lost and 0 answered twice, on the topic and in the store: %s", result)
                .isTrue();
        assertThat(result.byAnotherPersona()).as("answered by a persona other than the conversation's").isZero();
        assertThat(result.resumedAfter()).as("first answer after the restart").isNotNull()
                .isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void killingTheGatewayMidTrafficLosesAndDoublesNothingOnDiscordEither() throws Exception {
        Path root = Path.of(System.getProperty("acore.root", "..")).toAbsolutePath().normalize();
        KillDrill.Result result = KillDrill.run(root,
                new KillDrill.Settings(StackConfig.GATEWAY, 60, 20, 6, 10, 4, 1000, 500, 0, 1),
                Path.of(System.getProperty("acore.chaos.logs", "target/chaos-logs")).resolve("gateway"));

        assertThat(result.accepted() + result.refused()).isEqualTo(60);
        assertThat(result.accepted()).as("every Discord message and the web messages sent while it was up")
                .isGreaterThanOrEqualTo(15);
        assertThat(result.exactlyOnce()).as("0 lost and 0 answered twice, on the topic, in the store and on Discord: %s",
                result).isTrue();
        assertThat(result.byAnotherPersona()).as("answered by a persona other than the conversation's").isZero();
    }
}
