package io.acore.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acore.bench.ModelCapacity;
import io.acore.bench.ReplyWatcher;
import io.acore.devstack.DevStack;
import io.acore.devstack.Ports;
import io.acore.devstack.ServiceProcess;
import io.acore.devstack.StackConfig;
import io.acore.devstack.StubLlmServer;
import io.acore.testkit.discord.FakeDiscord;
import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.events.Platform;
import io.acore.events.ReplyKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * A crash drill: the whole stack as {@code ./acore up} runs it, traffic spread over many web conversations and
 * Discord channels (a fake Discord the gateway connects to), and in the middle of it one service killed with
 * SIGKILL and started again. Each conversation is opened by a message naming a persona other than the default; every
 * later message names nobody (on the web written by three users in turn, on Discord by the member who opened it),
 * so it is answered by the persona the conversation is with. Afterwards every accepted message is looked up: how many final replies it got on
 * the outbound topic, how many answers memory stored for it, and how often it was answered on the web chat's live
 * stream or in its Discord channel. Exit code 1 when any message was lost or answered twice.
 */
public final class KillDrill {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Not a service: the model server, put out of service and back instead of killed. */
    static final String MODEL = "model";
    /** Not a service: the database, stopped and started again with its data. */
    static final String DATABASE = "postgres";
    /** Discord ids carry their creation time, in milliseconds since this moment, above their 22 lowest bits. */
    private static final long DISCORD_EPOCH_MILLIS = 1420070400000L;

    private KillDrill() {
    }

    /**
     * A message the gateway accepted (202 on the web, or taken from a live Discord session), with its text, the
     * conversation it was sent in and when.
     */
    private record Accepted(String id, String text, ConversationId conversation, Instant sentAt, String persona) {
        boolean onDiscord() {
            return conversation.platform() == Platform.DISCORD;
        }
    }

    /**
     * What a drill does: which service it kills, when, and the traffic around it; {@code replicas} instances of the
     * killed service run (one is killed).
     */
    public record Settings(String victim, int messages, int conversations, int discordConversations, int seconds,
            int killAtSeconds, int downMillis, int modelMillis, int modelRoom, int replicas) {
        static Settings fromEnvironment() {
            return new Settings(System.getenv().getOrDefault("CHAOS_KILL", StackConfig.PERSONA),
                    setting("CHAOS_MESSAGES", 300), setting("CHAOS_CONVERSATIONS", 100),
                    setting("CHAOS_DISCORD_CONVERSATIONS", 30), setting("CHAOS_SECONDS", 30),
                    setting("CHAOS_KILL_AT_SECONDS", 10), setting("CHAOS_DOWN_MS", 1000),
                    setting("CHAOS_MODEL_LATENCY_MS", 1000), setting("CHAOS_MODEL_ROOM", 0),
                    setting("CHAOS_REPLICAS", 1));
        }
    }

    /**
     * The personas conversations are opened with, in turn: none is the default, so a follow-up the default answered
     * is caught as answered by the wrong persona.
     */
    private static final List<String> OPENED_WITH = List.of("Quill", "Marlow", "Juniper");
    /** Web users taking turns in each web conversation; on Discord one member per channel. */
    private static final int WEB_USERS_PER_CONVERSATION = 3;

    /**
     * What a drill found; {@code byAnotherPersona}: messages answered by a persona other than the one their
     * conversation was opened with.
     */
    public record Result(int accepted, int refused, int lost, int answeredTwice, int notices, int lostInStore,
            int twiceInStore, int missingOnStream, int twiceOnStream, int missingOnDiscord, int twiceOnDiscord,
            int byAnotherPersona, Duration readyAfter, Duration resumedAfter) {
        public boolean exactlyOnce() {
            return lost + answeredTwice + lostInStore + twiceInStore + missingOnStream + twiceOnStream
                    + missingOnDiscord + twiceOnDiscord == 0;
        }
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getenv().getOrDefault("ACORE_HOME", ".")).toAbsolutePath().normalize();
        Result result = run(root, Settings.fromEnvironment(), root.resolve("chaos/target/logs"));
        System.exit(result.exactlyOnce() && result.byAnotherPersona() == 0 ? 0 : 1);
    }

    public static Result run(Path root, Settings drill, Path logs) throws Exception {
        System.out.printf("chaos | kill -9 %s at %d s of %d messages over %d s in %d web and %d Discord conversations"
                + " (model %d ms), restart after %d ms%n", drill.victim(), drill.killAtSeconds(), drill.messages(),
                drill.seconds(), drill.conversations(), drill.discordConversations(), drill.modelMillis(),
                drill.downMillis());
        ModelOutage outage = new ModelOutage();
        ModelCapacity capacity = ModelCapacity.busyBeyond(drill.modelRoom());
        try (FakeDiscord discord = FakeDiscord.start((drill.discordConversations() + 1) / 2);
                StubLlmServer model = StubLlmServer.start(0, Duration.ofMillis(drill.modelMillis()), outage,
                        capacity);
                DevStack stack = DevStack.start(DATABASE.equals(drill.victim())
                        ? new StackConfig(root, StackConfig.freePorts(), 0, Ports.free(),
                                Files.createTempDirectory("acore-chaos-pg-").resolve("data"), model.baseUrl(),
                                Duration.ZERO, environment(discord), logs)
                        : new StackConfig(root, StackConfig.freePorts(), 0, 0, null, model.baseUrl(), Duration.ZERO,
                                environment(discord), logs), System.out);
                ReplyWatcher replies = new ReplyWatcher(stack)) {
            for (int replica = 1; replica < drill.replicas(); replica++) {
                stack.startReplica(drill.victim(), Map.of());
            }
            String gateway = stack.serviceUrl(StackConfig.GATEWAY);
            List<String> discordChannels = discord.channels().subList(0, drill.discordConversations());
            WebStreams streams = new WebStreams(gateway, IntStream.range(0, drill.conversations())
                    .mapToObj(KillDrill::channel).toList());
            TimeUnit.SECONDS.sleep(2); // the streams connect and the gateway's live consumer takes its partitions
            List<Accepted> accepted = new ArrayList<>();
            AtomicInteger refused = new AtomicInteger();
            List<CompletableFuture<Void>> posts = new ArrayList<>();
            Instant start = Instant.now();
            Instant killAt = start.plusSeconds(drill.killAtSeconds());
            CompletableFuture<Restart> crash = CompletableFuture.supplyAsync(() -> switch (drill.victim()) {
                case MODEL -> outage("model server", outage::down, outage::up, killAt, drill.downMillis());
                case DATABASE -> outage("database", stack::stopDatabase, stack::startDatabase, killAt,
                        drill.downMillis());
                default -> killAndRestart(stack.service(drill.victim()), killAt, drill.downMillis());
            });
            int allConversations = drill.conversations() + drill.discordConversations();
            for (int i = 0; i < drill.messages(); i++) {
                sleepUntil(start.plusMillis((long) i * drill.seconds() * 1000 / drill.messages()));
                int conversation = i % allConversations;
                String persona = OPENED_WITH.get(conversation % OPENED_WITH.size());
                String text = i < allConversations ? "message " + i + ", " + persona + "?" : "message " + i + ", and then?";
                Instant sentAt = Instant.now();
                String user = "chaos-" + (i / allConversations) % WEB_USERS_PER_CONVERSATION;
                CompletableFuture<Accepted> sent = conversation < drill.conversations()
                        ? post(gateway, channel(conversation), user, text).thenApply(id -> new Accepted(id, text,
                                ConversationId.web(channel(conversation)), sentAt, persona))
                        : write(discord, discordChannels.get(conversation - drill.conversations()), conversation, text,
                                persona);
                posts.add(sent.thenAccept(message -> {
                            synchronized (accepted) {
                                accepted.add(message);
                            }
                        })
                        .exceptionally(failure -> {
                            refused.incrementAndGet();
                            return null;
                        }));
            }
            CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).join();
            Restart restart = crash.join();
            Instant deadline = Instant.now().plusSeconds(180);
            while (Instant.now().isBefore(deadline)
                    && accepted.stream().anyMatch(a -> !answered(a, replies, discord))) {
                TimeUnit.MILLISECONDS.sleep(500);
            }
            TimeUnit.SECONDS.sleep(3); // late duplicates, if any, show up too
            if (drill.modelRoom() > 0) {
                System.out.printf("chaos | the model server (room for %d requests) refused %d requests%n",
                        drill.modelRoom(), capacity.refused());
            }
            streams.close();
            return report(stack, replies, streams, discord, accepted, refused.get(), restart);
        }
    }

    /** A final reply on the topic, and for a Discord message answered by its persona, the answer in its channel. */
    private static boolean answered(Accepted message, ReplyWatcher replies, FakeDiscord discord) {
        List<ReplyWatcher.Seen> finals = replies.finals(message.id());
        if (finals.isEmpty()) {
            return false;
        }
        boolean byPersona = finals.stream().noneMatch(seen -> ReplyKind.NOTICE.wireName().equals(seen.kind()));
        return !message.onDiscord() || !byPersona || postsCarrying(message, discord.postedMessages()) > 0;
    }

    /**
     * The posts that show an answer to the message now (a streamed post is edited into it): the stub model echoes
     * the text it answers (StubLlmServer.answers).
     */
    private static long postsCarrying(Accepted message, List<FakeDiscord.PostedMessage> posted) {
        return posted.stream().filter(post -> StubLlmServer.answers(post.currentContent(), message.text())).count();
    }

    private static Map<String, String> environment(FakeDiscord discord) {
        Map<String, String> env = new HashMap<>(discord.gatewayEnvironment());
        env.put("ACORE_GATEWAY_MESSAGES_PER_MINUTE", "1000000");
        return env;
    }

    /** A member writes in a Discord channel; refused when no gateway session is there to hear it. */
    private static CompletableFuture<Accepted> write(FakeDiscord discord, String channel, int conversation,
            String text, String persona) {
        try {
            Instant sentAt = Instant.now();
            String messageId = discord.userWritesIn(channel, Long.toString(880000000000000000L + conversation),
                    "member" + conversation, text);
            return CompletableFuture.completedFuture(new Accepted(ChatMessage.idFor(Platform.DISCORD, messageId), text,
                    ConversationId.discord(discord.guildOf(channel), channel), sentAt, persona));
        } catch (RuntimeException noSession) {
            return CompletableFuture.failedFuture(noSession);
        }
    }

    private static Result report(DevStack stack, ReplyWatcher replies, WebStreams streams, FakeDiscord discord,
            List<Accepted> accepted, int refused, Restart restart) throws Exception {
        Map<String, Integer> storedPersonaTurns = storedAnswers(stack,
                accepted.stream().map(Accepted::conversation).distinct().toList());
        List<FakeDiscord.PostedMessage> posted = discord.postedMessages();
        int missingOnDiscord = 0;
        int twiceOnDiscord = 0;
        int answeredByNotice = 0;
        int lost = 0;
        int twiceOnTopic = 0;
        int lostInStore = 0;
        int twiceInStore = 0;
        int missingOnStream = 0;
        int twiceOnStream = 0;
        int notices = 0;
        int sentAfterRestart = 0;
        int noticesAfterRestart = 0;
        int byAnotherPersona = 0;
        for (Accepted message : accepted) {
            boolean notice = replies.finals(message.id()).stream()
                    .anyMatch(seen -> ReplyKind.NOTICE.wireName().equals(seen.kind()));
            boolean afterRestart = message.sentAt().isAfter(restart.at());
            notices += notice ? 1 : 0;
            sentAfterRestart += afterRestart ? 1 : 0;
            noticesAfterRestart += notice && afterRestart ? 1 : 0;
            long distinct = replies.finals(message.id()).stream().map(ReplyWatcher.Seen::id).distinct().count();
            if (distinct == 0) {
                System.out.printf("chaos | no answer to \"%s\" in %s, sent at %s%n", message.text(),
                        message.conversation(), message.sentAt());
            }
            lost += distinct == 0 ? 1 : 0;
            twiceOnTopic += distinct > 1 ? 1 : 0;
            List<String> answeredBy = replies.finals(message.id()).stream()
                    .filter(seen -> ReplyKind.PERSONA.wireName().equals(seen.kind()))
                    .map(seen -> seen.reply().path("persona").path("name").asText()).distinct().toList();
            if (answeredBy.stream().anyMatch(name -> !name.equals(message.persona()))) {
                System.out.printf("chaos | \"%s\" in %s, a conversation with %s, answered by %s%n", message.text(),
                        message.conversation(), message.persona(), answeredBy);
                byAnotherPersona++;
            }
            if (message.onDiscord() && notice) {
                answeredByNotice++;
            } else if (message.onDiscord()) {
                long onDiscord = postsCarrying(message, posted);
                missingOnDiscord += onDiscord == 0 ? 1 : 0;
                twiceOnDiscord += onDiscord > 1 ? 1 : 0;
            } else {
                int shown = streams.shown(message.id());
                missingOnStream += shown == 0 ? 1 : 0;
                twiceOnStream += shown > 1 ? 1 : 0;
            }
            int stored = storedPersonaTurns.getOrDefault(message.id(), 0);
            lostInStore += stored == 0 ? 1 : 0;
            twiceInStore += stored > 1 ? 1 : 0;
        }
        Instant firstAfterRestart = replies.firstAfter(restart.at());
        System.out.printf("chaos | accepted %d, refused %d (the gateway answered other than 202)%n", accepted.size(),
                refused);
        System.out.printf("chaos | outbound topic: %d lost, %d answered twice (distinct reply ids), %d got a notice,"
                + " %d answered by a persona other than the conversation's%n", lost, twiceOnTopic, notices,
                byAnotherPersona);
        System.out.printf("chaos | web streams: %d without a final line, %d shown twice%n", missingOnStream,
                twiceOnStream);
        System.out.printf("chaos | Discord channels: %d without the answer posted, %d answered twice (%d answered by a"
                + " notice, not counted here)%n", missingOnDiscord, twiceOnDiscord, answeredByNotice);
        System.out.printf("chaos | of the %d messages sent after the restart, %d got a notice%n", sentAfterRestart,
                noticesAfterRestart);
        System.out.printf("chaos | memory store: %d without a stored answer, %d with two or more%n", lostInStore,
                twiceInStore);
        Duration resumed = firstAfterRestart == null ? null : Duration.between(restart.at(), firstAfterRestart);
        System.out.printf("chaos | restarted service ready after %d ms; first final reply %s ms after the restart%n",
                restart.readyAfter().toMillis(), resumed == null ? "-" : resumed.toMillis());
        List<Instant> postedAfter = discord.postedMessages().stream()
                .map(post -> Instant.ofEpochMilli((Long.parseLong(post.messageId()) >> 22) + DISCORD_EPOCH_MILLIS))
                .filter(at -> at.isAfter(restart.at())).sorted().toList();
        if (!postedAfter.isEmpty()) {
            System.out.printf("chaos | Discord posts after the restart: first %d ms, last %d ms after it%n",
                    Duration.between(restart.at(), postedAfter.get(0)).toMillis(),
                    Duration.between(restart.at(), postedAfter.get(postedAfter.size() - 1)).toMillis());
        }
        return new Result(accepted.size(), refused, lost, twiceOnTopic, notices, lostInStore, twiceInStore,
                missingOnStream, twiceOnStream, missingOnDiscord, twiceOnDiscord, byAnotherPersona,
                restart.readyAfter(), resumed);
    }

    /** When the killed service was started again, and how long it took to report ready. */
    private record Restart(Instant at, Duration readyAfter) {
    }

    /** Taking away or giving back what an outage drill takes away: the model server, the database. */
    private interface Step {
        void run() throws Exception;
    }

    /** Takes {@code what} away at {@code at} for {@code downForMillis}; the "restart" is when it is back. */
    private static Restart outage(String what, Step down, Step up, Instant at, int downForMillis) {
        try {
            sleepUntil(at);
            down.run();
            System.out.printf("chaos | %s down%n", what);
            TimeUnit.MILLISECONDS.sleep(downForMillis);
            up.run();
            System.out.printf("chaos | %s back%n", what);
            return new Restart(Instant.now(), Duration.ZERO);
        } catch (Exception e) {
            throw new IllegalStateException("could not take the " + what + " away and back", e);
        }
    }

    private static Restart killAndRestart(ServiceProcess service, Instant at, int downForMillis) {
        try {
            sleepUntil(at);
            service.kill();
            System.out.printf("chaos | %s killed at %s%n", service.name(), Instant.now());
            TimeUnit.MILLISECONDS.sleep(downForMillis);
            service.restart();
            Instant restarted = Instant.now();
            service.awaitReady(Duration.ofSeconds(90));
            Duration readyAfter = Duration.between(restarted, Instant.now());
            System.out.printf("chaos | %s restarted, ready after %d ms%n", service.name(), readyAfter.toMillis());
            return new Restart(restarted, readyAfter);
        } catch (Exception e) {
            throw new IllegalStateException("could not kill and restart " + service.name(), e);
        }
    }

    /** How many persona or notice turns memory holds in answer to each message. */
    private static Map<String, Integer> storedAnswers(DevStack stack, List<ConversationId> conversations)
            throws Exception {
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        for (ConversationId conversation : conversations) {
            HttpRequest get = stack.memoryRequest("/api/conversations/" + conversation + "/messages?limit=200")
                    .build();
            for (JsonNode turn : JSON.readTree(HTTP.send(get, HttpResponse.BodyHandlers.ofString()).body())) {
                if (!"user".equals(turn.path("role").asText())) {
                    answers.merge(turn.path("inReplyTo").asText(), 1, Integer::sum);
                }
            }
        }
        return answers;
    }

    private static CompletableFuture<String> post(String gateway, String channel, String user, String content)
            throws Exception {
        String body = JSON.writeValueAsString(Map.of("channel", channel, "user", user, "content", content));
        HttpRequest post = HttpRequest.newBuilder(URI.create(gateway + "/api/chat/messages"))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.sendAsync(post, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 202) {
                throw new IllegalStateException("POST answered " + response.statusCode());
            }
            try {
                return JSON.readTree(response.body()).path("id").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String channel(int conversation) {
        return "chaos-" + conversation;
    }

    private static void sleepUntil(Instant moment) throws InterruptedException {
        long millis = Duration.between(Instant.now(), moment).toMillis();
        if (millis > 0) {
            TimeUnit.MILLISECONDS.sleep(millis);
        }
    }

    private static int setting(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
