package io.acore.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acore.devstack.DevStack;
import io.acore.devstack.StackConfig;
import io.acore.devstack.StubLlmServer;
import io.acore.events.ChatMessage;
import io.acore.events.Platform;
import io.acore.events.Reply;
import io.acore.events.Topics;
import io.acore.testkit.discord.FakeDiscord;
import io.acore.testkit.discord.WebhookHold;
import io.acore.testkit.kafka.KafkaTopics;
import io.acore.devstack.ServiceProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Gateway replicas on one (fake) Discord with two shards, as Kubernetes runs them: the replicas split the shards
 * between them through leases in the database, each server's events reach only the replica that runs its shard,
 * and the shards of a replica that dies or leaves move to the others, with the replies it was posting.
 */
@Timeout(480)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayReplicasIT {
    /** How soon the servers of a killed replica must be answered again by another. */
    private static final Duration TAKEOVER = Duration.ofSeconds(10);
    /** Messages are written this far apart while replicas come and go (pacing the load, not waiting for anything). */
    private static final Duration PACE = Duration.ofMillis(1500);
    private static final AtomicInteger WRITTEN = new AtomicInteger();

    private static FakeDiscord discord;
    private static DevStack stack;
    private static KafkaTopics topics;
    private static final Map<String, ServiceProcess> gateways = new LinkedHashMap<>();

    @BeforeAll
    static void startTwoGateways() throws Exception {
        Path root = Path.of(System.getProperty("acore.root", "..")).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("acore.e2e.logs", "target/e2e-logs")).resolve("replicas");
        discord = FakeDiscord.start();
        Map<String, String> env = new HashMap<>(discord.gatewayEnvironment());
        env.put("ACORE_DISCORD_SHARD_TOTAL", "2");
        stack = DevStack.start(new StackConfig(root, StackConfig.freePorts(), 0, 0, null, null, Duration.ofMillis(20),
                env, logs), System.out);
        gateways.put("gateway-1", stack.service(StackConfig.GATEWAY));
        ServiceProcess second = stack.startReplica(StackConfig.GATEWAY, Map.of());
        gateways.put(second.name(), second);
        topics = KafkaTopics.of(stack.kafkaClient());
        await().atMost(Duration.ofSeconds(60)).until(() -> discord.connectedShards().equals(List.of(0, 1))
                && holderOf(0).equals("gateway-1") && holderOf(1).equals(second.name()));
    }

    @AfterAll
    static void stopTheStack() throws InterruptedException {
        if (topics != null) {
            topics.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (discord != null) {
            discord.close();
        }
    }

    @Test
    @Order(1)
    void eachDiscordMessageIsTakenInOnceAndAnsweredOnceOnEitherReplicasShard() {
        Map<String, String> textOfMessage = new LinkedHashMap<>();
        List<String> channels = List.of(FakeDiscord.CHANNEL_ID, FakeDiscord.SECOND_CHANNEL_ID);
        for (int i = 0; i < 10; i++) {
            for (String channel : channels) {
                String text = "Sable, question " + i + " from channel " + channel + ", if you please.";
                String user = Long.toString(777000000000000000L + i * 2L + channels.indexOf(channel));
                textOfMessage.put(discord.userWritesIn(channel, user, "member" + i, text), text);
            }
        }
        List<String> messageIds = new ArrayList<>(textOfMessage.keySet());
        discord.replay(messageIds.get(0));
        discord.replay(messageIds.get(1));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> textOfMessage.values().forEach(text ->
                assertThat(discord.postedMessages()).anyMatch(p -> StubLlmServer.answers(p.currentContent(), text))));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (Map.Entry<String, String> message : textOfMessage.entrySet()) {
                assertThat(discord.postedMessages()).as("answers to %s", message.getValue())
                        .filteredOn(p -> StubLlmServer.answers(p.currentContent(), message.getValue())).hasSize(1);
                String chatMessageId = ChatMessage.idFor(Platform.DISCORD, message.getKey());
                assertThat(topics.records(Topics.CHAT_INBOUND)).as("records of %s", message.getValue())
                        .filteredOn(r -> r.value().contains(chatMessageId)).hasSize(1);
            }
        });
        assertThat(discord.postedMessages()).as("answers in the second server's channel")
                .anyMatch(p -> p.channelId().equals(FakeDiscord.SECOND_CHANNEL_ID));
    }

    @Test
    @Order(2)
    void aSlashCommandIsRunOnce() {
        String token = discord.userRunsCommand("777100000000000001", "olive", "persona", "list");

        await().atMost(Duration.ofSeconds(30)).until(() -> discord.interactionResponses().stream()
                .anyMatch(r -> r.token().equals(token) && r.type() == 0));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(discord.interactionResponses()).filteredOn(r -> r.token().equals(token))
                        .extracting(FakeDiscord.InteractionResponse::type).containsExactly(5, 0));
        assertThat(discord.registeredCommands()).extracting(c -> c.path("name").asText())
                .containsExactlyInAnyOrder("persona", "status", "relationship", "memory");
    }

    @Test
    @Order(3)
    void theServersOfAKilledReplicaAreAnsweredByAnotherWithinSeconds() throws Exception {
        ServiceProcess holder = gateways.get(holderOf(1));
        Map<String, String> written = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            written.putAll(write(FakeDiscord.SECOND_CHANNEL_ID));
        }
        awaitEachAnsweredOnce(written);
        written.putAll(write(FakeDiscord.SECOND_CHANNEL_ID));

        holder.kill();
        Instant killed = Instant.now();
        gateways.remove(holder.name());
        Map<String, String> afterTheKill = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            afterTheKill.putAll(write(FakeDiscord.SECOND_CHANNEL_ID));
            Thread.sleep(PACE.toMillis());
        }
        written.putAll(afterTheKill);

        awaitEachAnsweredOnce(written);
        Instant firstAnswered = discord.postedMessages().stream()
                .filter(post -> afterTheKill.values().stream().anyMatch(text -> StubLlmServer.answers(post.currentContent(), text)))
                .map(FakeDiscord.PostedMessage::postedAt).min(Instant::compareTo).orElseThrow();
        Duration dark = Duration.between(killed, firstAnswered);
        System.out.printf("GatewayReplicasIT: shard 1 answered again %d ms after its replica was killed%n",
                dark.toMillis());
        assertThat(dark).as("time from the kill to the first answer on the killed replica's server")
                .isLessThan(TAKEOVER);
        assertThat(holderOf(1)).isEqualTo("gateway-1");
    }

    @Test
    @Order(4)
    void scalingFromTwoToThreeToOneLosesNoMessage() throws Exception {
        String member = "777300000000000001";
        Map<String, String> written = new LinkedHashMap<>(writeDirect(member));
        ServiceProcess third = stack.startReplica(StackConfig.GATEWAY, Map.of());
        gateways.put(third.name(), third);
        written.putAll(writeEverywhere());
        ServiceProcess fourth = stack.startReplica(StackConfig.GATEWAY, Map.of());
        gateways.put(fourth.name(), fourth);
        written.putAll(writeEverywhere());
        await().atMost(Duration.ofSeconds(30)).until(() -> holderOf(0).equals("gateway-1")
                && holderOf(1).equals(third.name()));
        awaitEachAnsweredOnce(written);

        gateways.remove("gateway-1").kill();
        third.close();
        gateways.remove(third.name());
        written.putAll(writeDirect(member));
        for (int i = 0; i < 4; i++) {
            written.putAll(writeEverywhere());
            Thread.sleep(PACE.toMillis());
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> holderOf(0).equals(fourth.name())
                && holderOf(1).equals(fourth.name()));
        awaitEachAnsweredOnce(written);
    }

    @Test
    @Order(5)
    void aReplyDiscordTookButItsKilledReplicaHadNotNotedIsFinishedInThatMessage() throws Exception {
        killTheSecondServersReplicaWhileDiscordHolds(discord::holdNextWebhookPostIn, "posted, not noted");
    }

    @Test
    @Order(6)
    void aReplyHalfShownWhenItsReplicaWasKilledIsFinishedInItsStreamedMessage() throws Exception {
        killTheSecondServersReplicaWhileDiscordHolds(discord::holdNextWebhookEditIn, "half shown");
    }

    /**
     * Kills (-9) the replica running the second server while Discord holds a request of its reply to a member's
     * message there: the one {@code holdIn} the server's channel stops. The replica taking the server over must finish
     * the reply in the message the killed one posted, in full, leave no other post with a part of it, and answer
     * every message written around it once.
     */
    private static void killTheSecondServersReplicaWhileDiscordHolds(Function<String, WebhookHold> holdIn,
            String cutOffWhen) throws Exception {
        ServiceProcess fresh = stack.startReplica(StackConfig.GATEWAY, Map.of());
        gateways.put(fresh.name(), fresh);
        await().atMost(Duration.ofSeconds(60)).until(GatewayReplicasIT::eachShardRunByAReplicaOfItsOwn);
        String channel = FakeDiscord.SECOND_CHANNEL_ID;
        Instant drillStart = Instant.now();
        Map<String, String> written = new LinkedHashMap<>(write(FakeDiscord.CHANNEL_ID));
        try (WebhookHold hold = holdIn.apply(channel)) {
            Map<String, String> cutOff = write(channel);
            String heldMessage = hold.awaitHeld(Duration.ofSeconds(30));
            gateways.remove(holderOf(1)).kill();
            Instant killed = Instant.now();
            written.putAll(cutOff);
            written.putAll(writeEverywhere());

            awaitEachAnsweredOnce(written);
            cutOff.forEach((messageId, text) -> assertThat(discord.postedMessages()).as("answers to %s", text)
                    .filteredOn(p -> StubLlmServer.answers(p.currentContent(), text)).singleElement()
                    .satisfies(answer -> assertThat(answer.messageId()).isEqualTo(heldMessage))
                    .satisfies(answer -> assertThat(answer.currentContent()).isEqualTo(finalReplyTo(messageId))));
            assertThat(discord.postedMessages()).as("the posts in the killed replica's channel since the drill began")
                    .filteredOn(p -> p.channelId().equals(channel) && !p.postedAt().isBefore(drillStart))
                    .allMatch(p -> written.values().stream().anyMatch(text -> StubLlmServer.answers(p.currentContent(),
                            text)));
            System.out.printf("GatewayReplicasIT: a reply cut off by a kill (%s) last changed %d ms after it%n",
                    cutOffWhen, Duration.between(killed, lastChangeOf(heldMessage)).toMillis());
        }
    }

    /** When the message was posted or last edited. */
    private static Instant lastChangeOf(String messageId) {
        Stream<Instant> posted = discord.postedMessages().stream().filter(post -> post.messageId().equals(messageId))
                .map(FakeDiscord.PostedMessage::postedAt);
        Stream<Instant> edited = discord.edits().stream().filter(edit -> edit.messageId().equals(messageId))
                .map(FakeDiscord.Edit::at);
        return Stream.concat(posted, edited).max(Instant::compareTo).orElseThrow();
    }

    /** The text of persona-service's final reply to a member's Discord message. */
    private static String finalReplyTo(String discordMessageId) {
        String answered = ChatMessage.idFor(Platform.DISCORD, discordMessageId);
        return await().atMost(Duration.ofSeconds(10)).until(() -> topics.events(Topics.CHAT_OUTBOUND, Reply.class)
                .stream().filter(reply -> reply.inReplyTo().equals(answered) && reply.isFinal()).map(Reply::content)
                .findFirst(), Optional::isPresent).orElseThrow();
    }

    /** Both shards connected, each held by another replica. */
    private static boolean eachShardRunByAReplicaOfItsOwn() throws SQLException {
        String first = holderOf(0);
        String second = holderOf(1);
        return discord.connectedShards().equals(List.of(0, 1)) && !first.isEmpty() && !second.isEmpty()
                && !first.equals(second);
    }

    /** A member's message naming Sable in the channel: its id and text. */
    private static Map<String, String> write(String channel) {
        int n = WRITTEN.incrementAndGet();
        String text = "Sable, failover question " + n + " in channel " + channel + "?";
        return Map.of(discord.userWritesIn(channel, Long.toString(777200000000000000L + n), "member" + n, text), text);
    }

    private static Map<String, String> writeEverywhere() {
        Map<String, String> written = new LinkedHashMap<>(write(FakeDiscord.CHANNEL_ID));
        written.putAll(write(FakeDiscord.SECOND_CHANNEL_ID));
        return written;
    }

    private static Map<String, String> writeDirect(String member) {
        String text = "a direct question, number " + WRITTEN.incrementAndGet();
        return Map.of(discord.userWritesDirect(member, "dm-member", text), text);
    }

    private static void awaitEachAnsweredOnce(Map<String, String> written) {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> written.values().forEach(text ->
                assertThat(discord.postedMessages()).as("answers to %s", text)
                        .anyMatch(p -> StubLlmServer.answers(p.currentContent(), text))));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                written.values().forEach(text -> assertThat(discord.postedMessages()).as("answers to %s", text)
                        .filteredOn(p -> StubLlmServer.answers(p.currentContent(), text)).hasSize(1)));
    }

    /** The instance (ACORE_INSTANCE_ID) whose live lease runs the shard, or "" when none has. */
    private static String holderOf(int shard) throws SQLException {
        try (Connection connection = stack.openDatabase();
                PreparedStatement read = connection.prepareStatement("SELECT m.instance_id"
                        + " FROM gateway.discord_shard_lease l JOIN gateway.discord_gateway_member m"
                        + " ON m.process_id = l.owner WHERE l.shard = ? AND l.expires_at > now()")) {
            read.setInt(1, shard);
            try (ResultSet row = read.executeQuery()) {
                return row.next() ? row.getString(1) : "";
            }
        }
    }
}
