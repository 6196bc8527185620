package io.acore.gateway.discord.shards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acore.gateway.discord.DiscordDeliveryTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shard leases in the database, taken by made-up processes on shards beyond those the test's own gateway runs
 * (it runs shard 0 of 1).
 */
@QuarkusTest
@TestProfile(DiscordDeliveryTest.WithDiscord.class)
class ShardLeasesTest {
    private static final Duration TTL = Duration.ofSeconds(30);

    @Inject
    ShardLeases leases;

    @Test
    void aLiveLeaseIsNotTakenAndAReleasedOneIsTakenAsTheNextHandOver() throws Exception {
        Optional<ShardLeases.Taken> first = leases.take(11, "process-a", TTL);
        assertThat(first).hasValueSatisfying(taken -> {
            assertThat(taken.epoch()).isEqualTo(1);
            assertThat(taken.previousRenewal()).isEmpty();
        });
        assertThat(leases.take(11, "process-b", TTL)).isEmpty();
        assertThat(leases.renew("process-b", Set.of(11), TTL)).isEmpty();
        assertThat(leases.renew("process-a", Set.of(11, 12), TTL)).containsExactly(11);

        leases.release("process-a", 11);

        assertThat(leases.take(11, "process-b", TTL)).hasValueSatisfying(taken -> {
            assertThat(taken.epoch()).isEqualTo(2);
            assertThat(taken.previousRenewal()).isPresent();
        });
        assertThat(leases.renew("process-a", Set.of(11), TTL)).as("the old owner finds it gone").isEmpty();
    }

    @Test
    void aLeaseNotRenewedRunsOutAndPassesOn() throws Exception {
        assertThat(leases.take(13, "process-c", Duration.ofMillis(300))).isPresent();

        await().atMost(Duration.ofSeconds(5)).until(() -> leases.take(13, "process-d", TTL).isPresent());
        assertThat(leases.renew("process-c", Set.of(13), TTL)).isEmpty();
    }

    @Test
    void membersAreListedInTheOrderOfTheirInstancesUntilTheyStopBeating() throws Exception {
        leases.heartbeat("process-f", "zz-gateway-2", TTL);
        leases.heartbeat("process-e", "zz-gateway-1", Duration.ofMillis(300));

        List<String> members = leases.heartbeat("process-g", "zz-gateway-3", TTL);
        assertThat(members.subList(members.size() - 3, members.size()))
                .containsExactly("process-e", "process-f", "process-g");
        await().atMost(Duration.ofSeconds(5)).until(() -> !leases.heartbeat("process-g", "zz-gateway-3", TTL)
                .contains("process-e"));

        leases.leave("process-f");
        assertThat(leases.heartbeat("process-g", "zz-gateway-3", TTL)).doesNotContain("process-f");
    }
}
