package io.acore.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.acore.devstack.DevStack;
import io.acore.devstack.StackConfig;
import io.acore.devstack.StubLlmServer;
import io.acore.devstack.StubLlmServer.RequestKind;
import io.acore.testkit.discord.FakeDiscord;
import io.acore.testkit.model.ModelScript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A busy Discord server as its members use it, over the fake Discord with the real JDA client and the whole stack:
 * {@code BENCH_BUSY_MESSAGES} (600) messages from {@code BENCH_BUSY_MEMBERS} (60) members across the server's
 * {@code BENCH_BUSY_CHANNELS} (6) text channels, written one after another over {@code BENCH_BUSY_SECONDS} (180),
 * one in {@code BENCH_BUSY_NAMING_EVERY} (20) naming a persona. Each member keeps mostly to one channel. When all is
 * quiet it counts the replies posted on Discord against what the rules promise (each message that names a persona,
 * and each later message of a member in the channel where they named one, within the sticky window from the
 * naming), the typing indicators, and the stub model's requests by kind.
 */
public final class BusyServerBench {
    private static final List<String> PERSONAS = List.of("Sable", "Quill", "Marlow", "Juniper");
    private static final List<String> CHATTER = List.of("anyone up for a game later", "lol that was wild",
            "did you see the patch notes", "brb making tea", "that map is so unfair", "who is streaming tonight",
            "ok but the ending though", "my cat just knocked over my drink", "gg everyone", "what time is the raid",
            "honestly same", "has anyone tried the new update", "the server was lagging so much", "good morning all",
            "I am off to bed soon", "which build are you running", "that song is stuck in my head",
            "can someone link the rules", "haha no way", "we should do a movie night");
    private static final List<String> QUESTIONS = List.of("what do you think about the new season",
            "any tips for a rainy weekend", "can you recommend a good book", "how was your day",
            "what should I cook tonight", "tell me something interesting");

    private BusyServerBench() {
    }

    /** One member message as planned: who, where, what, and whether the rules promise it a reply. */
    private record Planned(int index, String channel, String member, String text, String named, boolean promised) {
    }

    public static void main(String[] args) throws Exception {
        int messages = Bench.setting("BENCH_BUSY_MESSAGES", 600);
        int members = Bench.setting("BENCH_BUSY_MEMBERS", 60);
        int channelCount = Bench.setting("BENCH_BUSY_CHANNELS", 6);
        int seconds = Bench.setting("BENCH_BUSY_SECONDS", 180);
        int namingEvery = Bench.setting("BENCH_BUSY_NAMING_EVERY", 20);
        Duration sticky = Duration.ofMinutes(5);
        Path root = Path.of(System.getenv().getOrDefault("ACORE_HOME", ".")).toAbsolutePath().normalize();

        ModelScript model = new ModelScript();
        try (FakeDiscord discord = FakeDiscord.start(channelCount);
                StubLlmServer stub = StubLlmServer.start(0, Duration.ofMillis(200), model)) {
            Map<String, String> env = new HashMap<>(discord.gatewayEnvironment());
            env.put("ACORE_LLM_MODEL", StubLlmServer.MODEL);
            List<String> channels = discord.channels().stream()
                    .filter(channel -> discord.guildOf(channel).equals(FakeDiscord.GUILD_ID)).toList();
            List<Planned> plan = plan(messages, members, channels, namingEvery, seconds, sticky);
            System.out.printf("busy | %d messages from %d members in %d channels over %d s, %d naming a persona, "
                    + "%d more from a member a persona is talking to%n", messages, members, channels.size(), seconds,
                    plan.stream().filter(p -> p.named() != null).count(),
                    plan.stream().filter(p -> p.named() == null && p.promised()).count());
            try (DevStack stack = DevStack.start(new StackConfig(root, StackConfig.freePorts(), 0, 0, null,
                    stub.baseUrl(), Duration.ZERO, env, root.resolve("bench/target/logs")), System.out)) {
                while (!discord.botConnected()) {
                    Thread.sleep(100);
                }
                long start = System.nanoTime();
                long gapNanos = Duration.ofSeconds(seconds).toNanos() / messages;
                for (Planned message : plan) {
                    long due = start + message.index() * gapNanos;
                    Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
                    discord.userWritesIn(message.channel(), message.member(), "member" + message.member(),
                            message.text());
                }
                awaitQuiet(discord, model, Duration.ofSeconds(40));
                report(plan, discord, model, channels);
            }
        }
    }

    /**
     * The messages in order, evenly spread over {@code seconds}: member {@code i % members} writes message
     * {@code i}, in their own channel four times in five; one message in {@code namingEvery}, drawn at random, names a
     * persona. A message is promised a reply when it names one, or when its member named one in that channel within
     * the sticky window before it (counted from the planned times).
     */
    private static List<Planned> plan(int messages, int members, List<String> channels, int namingEvery, int seconds,
            Duration sticky) {
        Random random = new Random(20261203L);
        List<Integer> order = new ArrayList<>(IntStream.range(0, messages).boxed().toList());
        Collections.shuffle(order, random);
        Set<Integer> naming = Set.copyOf(order.subList(0, messages / namingEvery));
        Map<String, Integer> namedAt = new HashMap<>();
        List<Planned> plan = new ArrayList<>();
        double secondsPerMessage = (double) seconds / messages;
        for (int i = 0; i < messages; i++) {
            int member = i % members;
            String memberId = Long.toString(870000000000000000L + member);
            String channel = random.nextInt(5) < 4 ? channels.get(member % channels.size())
                    : channels.get(random.nextInt(channels.size()));
            String named = naming.contains(i) ? PERSONAS.get(random.nextInt(PERSONAS.size())) : null;
            String text = named != null
                    ? named + ", " + QUESTIONS.get(random.nextInt(QUESTIONS.size())) + "? (" + i + ")"
                    : CHATTER.get(random.nextInt(CHATTER.size())) + " (" + i + ")";
            String speaker = channel + "/" + memberId;
            Integer since = namedAt.get(speaker);
            boolean promised = named != null
                    || since != null && (i - since) * secondsPerMessage < sticky.toSeconds();
            if (named != null) {
                namedAt.put(speaker, i);
            }
            plan.add(new Planned(i, channel, memberId, text, named, promised));
        }
        return plan;
    }

    /** Waits until neither Discord nor the model has seen anything new for {@code quiet}. */
    private static void awaitQuiet(FakeDiscord discord, ModelScript model, Duration quiet) throws InterruptedException {
        int posts = -1;
        int requests = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < quiet.toNanos()) {
            Thread.sleep(1000);
            int nowPosts = discord.postedMessages().size();
            int nowRequests = model.requests().size();
            if (nowPosts != posts || nowRequests != requests) {
                posts = nowPosts;
                requests = nowRequests;
                quietSince = System.nanoTime();
            }
        }
    }

    private static void report(List<Planned> plan, FakeDiscord discord, ModelScript model, List<String> channels) {
        List<FakeDiscord.PostedMessage> posted = discord.postedMessages();
        int answeredAsPromised = 0;
        int answeredUnpromised = 0;
        int missed = 0;
        int doubled = 0;
        int wrongPersona = 0;
        for (Planned message : plan) {
            List<FakeDiscord.PostedMessage> answers = posted.stream()
                    .filter(p -> StubLlmServer.answers(p.currentContent(), message.text())).toList();
            if (answers.size() > 1) {
                doubled++;
            }
            if (message.promised()) {
                if (answers.isEmpty()) {
                    missed++;
                } else {
                    answeredAsPromised++;
                    if (message.named() != null && !message.named().equals(answers.get(0).username())) {
                        wrongPersona++;
                    }
                }
            } else if (!answers.isEmpty()) {
                answeredUnpromised++;
            }
        }
        Map<RequestKind, Integer> byKind = new EnumMap<>(RequestKind.class);
        for (JsonNode request : model.requests()) {
            byKind.merge(RequestKind.of(request), 1, Integer::sum);
        }
        long typing = discord.typingIn().stream().filter(channels::contains).count();
        System.out.printf("busy | replies on Discord: %d (%d messages promised one: %d answered, %d missed, "
                        + "%d by another persona than named); answered without being called: %d; answered twice: %d%n",
                posted.size(), plan.stream().filter(Planned::promised).count(), answeredAsPromised, missed,
                wrongPersona, answeredUnpromised, doubled);
        System.out.printf("busy | typing indicators sent: %d%n", typing);
        System.out.printf("busy | model requests: %d (replies %d, fact extraction %d, summaries %d)%n",
                model.requests().size(), byKind.getOrDefault(RequestKind.REPLY, 0),
                byKind.getOrDefault(RequestKind.FACTS, 0), byKind.getOrDefault(RequestKind.SUMMARY, 0));
    }
}
