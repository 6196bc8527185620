package io.acore.gateway.discord.shards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DiscordShardsTest {
    @Test
    void theLiveMembersSplitTheShardsEvenlyAndEachShardHasOneOwner() {
        List<String> members = List.of("a", "b", "c");
        Set<Integer> all = new TreeSet<>();
        for (String member : members) {
            Set<Integer> share = DiscordShards.shareOf(members, member, 8);
            assertThat(share).hasSizeBetween(2, 3);
            assertThat(all).doesNotContainAnyElementsOf(share);
            all.addAll(share);
        }
        assertThat(all).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void membersBeyondTheShardCountStandBy() {
        List<String> members = List.of("a", "b", "c");
        assertThat(DiscordShards.shareOf(members, "a", 2)).containsExactly(0);
        assertThat(DiscordShards.shareOf(members, "b", 2)).containsExactly(1);
        assertThat(DiscordShards.shareOf(members, "c", 2)).isEmpty();
    }

    @Test
    void aProcessThatIsNotAMemberYetRunsNothing() {
        assertThat(DiscordShards.shareOf(List.of("a"), "b", 4)).isEmpty();
        assertThat(DiscordShards.shareOf(List.of("a"), "a", 4)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void aShardJustTakenWasDarkSinceItsPreviousOwnersLastHeartbeatAndOneNeverTakenIsNot() {
        DiscordShards shards = new DiscordShards(2);
        Instant lastHeartbeat = Instant.now().minus(Duration.ofMinutes(7));

        shards.taken(1, lastHeartbeat);

        assertThat(shards.darkSince(1)).isEqualTo(lastHeartbeat);
        assertThat(shards.darkSince(0)).isAfter(Instant.now().minusSeconds(5));
    }
}
