package io.acore.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acore.devstack.DevStack;
import io.acore.devstack.StackConfig;
import io.acore.devstack.StubLlmServer;
import io.acore.events.ChatMessage;
import io.acore.events.Platform;
import io.acore.events.Topics;
import io.acore.testkit.discord.FakeDiscord;
import io.acore.testkit.kafka.KafkaTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two gateway replicas on one (fake) Discord, as a two-pod StatefulSet runs them: two shards, one per replica,
 * each server's events reaching only the replica that runs its shard.
 */
@Timeout(300)
class GatewayReplicasIT {
    private static FakeDiscord discord;
    private static DevStack stack;
    private static KafkaTopics topics;

    @BeforeAll
    static void startTwoGateways() throws Exception {
        Path root = Path.of(System.getProperty("acore.root", "..")).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("acore.e2e.logs", "target/e2e-logs")).resolve("replicas");
        discord = FakeDiscord.start();
        Map<String, String> env = new HashMap<>(discord.gatewayEnvironment());
        env.put("ACORE_DISCORD_SHARD_TOTAL", "2");
        env.put("ACORE_DISCORD_REPLICAS", "2");
        env.put("ACORE_DISCORD_REPLICA", "0");
        stack = DevStack.start(new StackConfig(root, StackConfig.freePorts(), 0, 0, null, null, Duration.ofMillis(20),
                env, logs), System.out);
        stack.startReplica(StackConfig.GATEWAY, Map.of("ACORE_DISCORD_REPLICA", "1"));
        topics = KafkaTopics.of(stack.kafkaBootstrapServers());
        await().atMost(Duration.ofSeconds(60)).until(() -> discord.connectedShards().equals(List.of(0, 1)));
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
    void aSlashCommandIsRunOnce() {
        String token = discord.userRunsCommand("777100000000000001", "olive", "personas", null);

        await().atMost(Duration.ofSeconds(30)).until(() -> discord.interactionResponses().stream()
                .anyMatch(r -> r.token().equals(token) && r.type() == 0));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(discord.interactionResponses()).filteredOn(r -> r.token().equals(token))
                        .extracting(FakeDiscord.InteractionResponse::type).containsExactly(5, 0));
        assertThat(discord.registeredCommands()).extracting(c -> c.path("name").asText())
                .containsExactlyInAnyOrder("personas", "memory");
    }
}
