package io.acore.persona.turns;

import static org.assertj.core.api.Assertions.assertThat;

import io.acore.events.ConversationId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Banter over many random chains: whatever the affinities and chances, every chain ends within the channel's cap,
 * no persona answers itself, and a persona answers another as often as the chance says.
 */
class BanterPropertyTest {
    private static final int RUNS = 3_000;
    private final Random random = new Random(20261205);
    private final List<String> personas = List.of("sable", "quill", "marlow", "juniper", "nimbus");

    @Test
    void everyBanterChainEndsWithinTheChannelsCapWhateverTheAffinities() {
        int cap = 1 + random.nextInt(6);
        List<Integer> lengths = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            ConversationId channel = ConversationId.discord(Long.toString(5000 + run), "1");
            ChainLimits limits = new ChainLimits(cap, Duration.ofMinutes(10));
            Map<String, Integer> affinity = new HashMap<>();
            personas.forEach(p -> affinity.put(p, random.nextInt(101)));
            double atZero = random.nextDouble();
            double atFull = atZero + random.nextDouble() * (1 - atZero);
            String speaker = personas.get(random.nextInt(personas.size()));
            String line = UUID.randomUUID().toString();
            Instant now = Instant.parse("2026-12-05T10:00:00Z");
            int length = 0;
            for (int hop = 0; ; hop++) {
                Optional<String> next = BanterPlan.next(line, speaker, personas, affinity::get, hop, atZero, atFull);
                if (next.isEmpty() || !limits.take(channel, now)) {
                    break;
                }
                assertThat(next.get()).as("a persona never answers itself").isNotEqualTo(speaker);
                length++;
                assertThat(length).as("lines in the chain").isLessThanOrEqualTo(cap);
                speaker = next.get();
                line = UUID.randomUUID().toString();
                now = now.plusSeconds(5);
            }
            lengths.add(length);
        }
        assertThat(lengths).as("chains that started").anyMatch(length -> length > 0);
        assertThat(lengths.stream().mapToInt(Integer::intValue).max().orElse(0)).isLessThanOrEqualTo(cap);
    }

    @Test
    void theChanceGrowsWithAffinityFromFiveToTwentyPercentAndHalvesWithEveryHop() {
        assertThat(BanterPlan.chance(0, 0, 0.05, 0.20)).isEqualTo(0.05);
        assertThat(BanterPlan.chance(100, 0, 0.05, 0.20)).isEqualTo(0.20);
        assertThat(BanterPlan.chance(100, 1, 0.05, 0.20)).isEqualTo(0.10);
        assertThat(BanterPlan.chance(50, 2, 0.05, 0.20)).isCloseTo(0.03125, org.assertj.core.data.Offset.offset(1e-9));
        int answered = 0;
        for (int run = 0; run < 20_000; run++) {
            answered += BanterPlan.next(UUID.randomUUID().toString(), "sable", List.of("quill"), other -> 100, 0, 0.05,
                    0.20).isPresent() ? 1 : 0;
        }
        assertThat(answered / 20_000.0).as("drawn as often as the chance says").isCloseTo(0.20,
                org.assertj.core.data.Offset.offset(0.015));
    }

}
