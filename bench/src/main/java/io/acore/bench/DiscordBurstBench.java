package io.acore.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.acore.devstack.DevStack;
import io.acore.devstack.StackConfig;
import io.acore.devstack.StubLlmServer;
import io.acore.events.ChatMessage;
import io.acore.events.Platform;
import io.acore.events.Stage;
import io.acore.testkit.discord.FakeDiscord;
import io.acore.testkit.discord.FakeDiscord.Edit;
import io.acore.testkit.discord.FakeDiscord.PostedMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A burst on Discord, over the fake Discord with the real JDA client and the whole stack: {@code BENCH_CONVERSATIONS}
 * (100) members, each in a text channel of their own, mention the bot at the same moment; each message's latency runs
 * from the moment the fake is asked to dispatch it to the bot to the last change of the reply on Discord (its final
 * text, after the streaming edits). One member warms up, then a first burst is measured alone,
 * {@code BENCH_WARMUP_ROUNDS} (2) more bursts, then {@code BENCH_ROUNDS} (5) measured, {@code BENCH_BURST_GAP_MS}
 * (2000) apart. The stub model answers after {@code BENCH_MODEL_LATENCY_MS} (1000), refusing (429) beyond
 * {@code BENCH_MODEL_ROOM} requests at once (0: no limit).
 */
public final class DiscordBurstBench {
    private static final Duration QUIET = Duration.ofMillis(1500);
    private static final Duration LONGEST = Duration.ofMinutes(2);

    private DiscordBurstBench() {
    }

    /** One member's message: when the fake dispatched it, when its reply last changed on Discord, its id in acore. */
    private record Sample(Instant sent, Instant shown, String messageId) {
        long millis() {
            return Duration.between(sent, shown).toMillis();
        }
    }

    public static void main(String[] args) throws Exception {
        int members = Bench.setting("BENCH_CONVERSATIONS", 100);
        int rounds = Bench.setting("BENCH_ROUNDS", 5);
        int modelMillis = Bench.setting("BENCH_MODEL_LATENCY_MS", 1000);
        Duration gap = Duration.ofMillis(Bench.setting("BENCH_BURST_GAP_MS", 2000));
        ModelCapacity capacity = ModelCapacity.rateLimitedBeyond(Bench.setting("BENCH_MODEL_ROOM", 0));
        Path root = Path.of(System.getenv().getOrDefault("ACORE_HOME", ".")).toAbsolutePath().normalize();
        System.out.printf("discord | %d members mentioning the bot at once, each in a channel of their own, x %d rounds,"
                + " %d ms apart, model latency %d ms%n", members, rounds, gap.toMillis(), modelMillis);
        try (FakeDiscord discord = FakeDiscord.start(members / 2 + 1);
                StubLlmServer model = StubLlmServer.start(0, Duration.ofMillis(modelMillis), capacity)) {
            Map<String, String> env = new HashMap<>(discord.gatewayEnvironment());
            env.put("ACORE_LLM_MODEL", StubLlmServer.MODEL);
            env.put("ACORE_GATEWAY_MESSAGES_PER_MINUTE", "1000000");
            List<String> channels = discord.channels().subList(0, members);
            try (DevStack stack = DevStack.start(new StackConfig(root, StackConfig.freePorts(), 0, 0, null,
                    model.baseUrl(), Duration.ZERO, env, root.resolve("bench/target/logs")), System.out);
                    ReplyWatcher replies = new ReplyWatcher(stack)) {
                long connecting = System.nanoTime() + LONGEST.toNanos();
                while (!discord.botConnected()) {
                    if (System.nanoTime() > connecting) {
                        throw new IllegalStateException("the bot did not connect to the fake Discord in " + LONGEST);
                    }
                    Thread.sleep(100);
                }
                burst(discord, replies, channels.subList(0, 1), "warm-up");
                capacity.resetMostInFlight();
                Thread.sleep(gap.toMillis());
                report("first burst after start", burst(discord, replies, channels, "first"), modelMillis, capacity,
                        replies);
                for (int round = 0; round < Bench.setting("BENCH_WARMUP_ROUNDS", 2); round++) {
                    Thread.sleep(gap.toMillis());
                    burst(discord, replies, channels, "warm-up " + round);
                }
                capacity.resetMostInFlight();
                List<Sample> warm = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    Thread.sleep(gap.toMillis());
                    warm.addAll(burst(discord, replies, channels, "round " + round));
                }
                report("warm bursts", warm, modelMillis, capacity, replies);
            }
        }
    }

    /**
     * One member per channel mentions the bot; once every message's final reply is on the broker, every channel has
     * a reply on Discord and Discord has seen no change for a moment, the latency of each: the moment the fake was
     * asked to dispatch the message to the reply's last change.
     */
    private static List<Sample> burst(FakeDiscord discord, ReplyWatcher finals, List<String> channels, String label)
            throws InterruptedException {
        Map<String, Instant> sent = new HashMap<>();
        Map<String, String> messageIds = new HashMap<>();
        for (int i = 0; i < channels.size(); i++) {
            String channel = channels.get(i);
            sent.put(channel, Instant.now());
            String id = discord.userWritesIn(channel, Long.toString(870000000000000000L + i), "member" + i,
                    "<@" + FakeDiscord.BOT_ID + "> " + label + ", what should I cook tonight?");
            messageIds.put(channel, ChatMessage.idFor(Platform.DISCORD, id));
        }
        Instant start = sent.values().stream().min(Instant::compareTo).orElseThrow();
        long deadline = System.nanoTime() + LONGEST.toNanos();
        Instant lastChange = Instant.MIN;
        while (true) {
            Map<String, List<PostedMessage>> replies = repliesSince(discord, start);
            Instant latest = latestChange(discord, replies);
            if (latest.isAfter(lastChange)) {
                lastChange = latest;
            }
            long unanswered = messageIds.values().stream().filter(id -> finals.finals(id).isEmpty()).count();
            boolean everyChannel = replies.keySet().containsAll(channels);
            if (unanswered == 0 && everyChannel && Duration.between(lastChange, Instant.now()).compareTo(QUIET) >= 0) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(label + ": after " + LONGEST + ", " + unanswered
                        + " messages without a final reply, " + (channels.size() - replies.size())
                        + " channels without a post, the last change on Discord at " + lastChange);
            }
            Thread.sleep(100);
        }
        Map<String, List<PostedMessage>> replies = repliesSince(discord, start);
        List<Sample> samples = new ArrayList<>();
        for (String channel : channels) {
            samples.add(new Sample(sent.get(channel), latestChange(discord, Map.of(channel, replies.get(channel))),
                    messageIds.get(channel)));
        }
        return samples;
    }

    /** The bot's posts since {@code start}, by channel. */
    private static Map<String, List<PostedMessage>> repliesSince(FakeDiscord discord, Instant start) {
        return discord.postedMessages().stream().filter(posted -> !posted.postedAt().isBefore(start))
                .collect(Collectors.groupingBy(PostedMessage::channelId));
    }

    /** When the last of these posts was posted or edited. */
    private static Instant latestChange(FakeDiscord discord, Map<String, List<PostedMessage>> replies) {
        Set<String> ids = replies.values().stream().flatMap(List::stream).map(PostedMessage::messageId)
                .collect(Collectors.toSet());
        Instant latest = replies.values().stream().flatMap(List::stream).map(PostedMessage::postedAt)
                .max(Instant::compareTo).orElse(Instant.MIN);
        for (Edit edit : discord.edits()) {
            if (ids.contains(edit.messageId()) && edit.at().isAfter(latest)) {
                latest = edit.at();
            }
        }
        return latest;
    }

    private static void report(String what, List<Sample> samples, int modelMillis, ModelCapacity model,
            ReplyWatcher replies) {
        Percentiles latency = Percentiles.of(samples.stream().map(Sample::millis).toList());
        System.out.printf("discord | %s: mention -> reply's final text on Discord: %s%n", what, latency);
        System.out.printf("discord | %s: p95 / model latency %.2f; model requests in flight at most %d, refused %d%n",
                what, latency.p95() / (double) modelMillis, model.mostInFlight(), model.refused());
        List<JsonNode> stamps = new ArrayList<>();
        List<Long> in = new ArrayList<>();
        List<Long> through = new ArrayList<>();
        List<Long> out = new ArrayList<>();
        for (Sample sample : samples) {
            List<ReplyWatcher.Seen> seen = replies.finals(sample.messageId());
            if (seen.isEmpty()) {
                continue;
            }
            JsonNode stages = seen.get(0).reply().path("stages");
            if (!stages.has(Stage.GATEWAY_RECEIVED.key()) || !stages.has(Stage.PERSONA_PUBLISHED.key())) {
                continue;
            }
            stamps.add(stages);
            Instant received = Instant.parse(stages.path(Stage.GATEWAY_RECEIVED.key()).asText());
            Instant published = Instant.parse(stages.path(Stage.PERSONA_PUBLISHED.key()).asText());
            in.add(Duration.between(sample.sent(), received).toMillis());
            through.add(Duration.between(received, published).toMillis());
            out.add(Duration.between(published, sample.shown()).toMillis());
        }
        System.out.printf("discord | %s, p50 / p95 ms: to the gateway %s; gateway -> final reply published %s;"
                + " -> final text on Discord %s%n", what, brief(in), brief(through), brief(out));
        Bench.printStages("discord", what, stamps);
    }

    private static String brief(List<Long> millis) {
        Percentiles p = Percentiles.of(millis);
        return p.p50() + " / " + p.p95();
    }
}
