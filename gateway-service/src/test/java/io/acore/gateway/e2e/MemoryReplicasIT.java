package io.acore.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acore.devstack.DevStack;
import io.acore.devstack.ServiceProcess;
import io.acore.devstack.StackConfig;
import io.acore.devstack.StubLlmServer;
import io.acore.testkit.model.ModelScript;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two memory-service replicas on one database, as a two-pod Deployment runs them: both store turns (each consumes
 * some of the topics' partitions) and both run the background jobs, one replica at a time per job (the embedding is
 * a job per shard of scopes, so the two share it). However the work falls between them, each turn is embedded once,
 * read for facts once and folded into its conversation's summary once, so the model calls the two make together are
 * the calls one replica would make.
 */
@Timeout(300)
class MemoryReplicasIT {
    private static final Pattern DAY_HEADING = Pattern.compile("On \\d{4}-\\d{2}-\\d{2}:");
    private static final List<String> CHANNELS = List.of("replicas-a", "replicas-b", "replicas-c");
    private static final int USERS_PER_CHANNEL = 4;
    private static final int MESSAGES_PER_USER = 5; // under the gateway's 10 a minute per user
    private static final int MESSAGES = CHANNELS.size() * USERS_PER_CHANNEL * MESSAGES_PER_USER;
    private static final int KEEP_RECENT = 4;
    private static final int FOLD_AFTER = 8;
    private static final ModelScript model = new ModelScript();
    private static StubLlmServer stub;
    private static DevStack stack;
    private static List<ServiceProcess> memories;

    @BeforeAll
    static void startTwoMemories() throws Exception {
        Path root = Path.of(System.getProperty("acore.root", "..")).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("acore.e2e.logs", "target/e2e-logs")).resolve("memory-replicas");
        // the model takes a while to answer, so that a replica's round is still running when the other's comes due
        stub = StubLlmServer.start(0, Duration.ofMillis(200), model);
        Map<String, String> env = new HashMap<>();
        env.put("ACORE_LLM_MODEL", StubLlmServer.MODEL);
        env.put("ACORE_MEMORY_SUMMARIES_KEEP_RECENT", Integer.toString(KEEP_RECENT));
        env.put("ACORE_MEMORY_SUMMARIES_FOLD_AFTER", Integer.toString(FOLD_AFTER));
        env.put("ACORE_MEMORY_SUMMARIES_MOST_PER_FOLD", Integer.toString(FOLD_AFTER));
        env.put("ACORE_MEMORY_SUMMARIES_INTERVAL", "1s");
        env.put("ACORE_MEMORY_FACTS_SETTLE", "2s");
        // replies come in one after another per conversation, the last long after its turn: it is still read
        env.put("ACORE_MEMORY_FACTS_LONGEST_WAIT", "60s");
        env.put("ACORE_MEMORY_FACTS_INTERVAL", "1s");
        Map<String, Integer> ports = new HashMap<>(StackConfig.freePorts());
        ports.remove(StackConfig.ANALYTICS);
        stack = DevStack.start(new StackConfig(root, ports, 0, 0, null, stub.baseUrl(), Duration.ZERO, env, logs),
                System.out);
        memories = List.of(stack.service(StackConfig.MEMORY), stack.startReplica(StackConfig.MEMORY, Map.of()));
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
        if (stub != null) {
            stub.close();
        }
    }

    @Test
    void eachTurnIsEmbeddedReadForFactsAndFoldedOnceWhateverReplicaDoesIt() throws Exception {
        List<String> sent = new ArrayList<>();
        for (int round = 0; round < MESSAGES_PER_USER; round++) {
            for (String channel : CHANNELS) {
                for (int u = 0; u < USERS_PER_CHANNEL; u++) {
                    String user = channel.substring(channel.length() - 1) + "-member-" + u;
                    String text = "Sable, " + user + " here, message " + round + ": I like kite number " + sent.size()
                            + " and I live in Harbour " + sent.size() + ".";
                    given().baseUri(stack.serviceUrl(StackConfig.GATEWAY)).contentType("application/json")
                            .body(Map.of("channel", channel, "user", user, "content", text))
                            .post("/api/chat/messages").then().statusCode(202);
                    sent.add(text);
                }
            }
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(count("SELECT count(*) FROM conversation_message WHERE role = 'user'")).isEqualTo(MESSAGES);
            assertThat(count("SELECT count(*) FROM conversation_message WHERE role = 'persona'")).isEqualTo(MESSAGES);
            assertThat(count("SELECT count(*) FROM conversation_message WHERE NOT embedded")).isZero();
            assertThat(count("SELECT count(*) FROM conversation_message WHERE role = 'user' AND NOT facts_checked"))
                    .isZero();
            assertThat(count("SELECT count(*) FROM conversation_progress WHERE unsummarised >= "
                    + (KEEP_RECENT + FOLD_AFTER))).isZero();
        });
        assertThat(count("SELECT count(*) FROM conversation_message WHERE role = 'notice'")).isZero();

        // embedded once: one embedding per turn
        assertThat(count("SELECT count(*) FROM (SELECT owner_id FROM memory_embedding WHERE owner_kind = 'message'"
                + " GROUP BY owner_id HAVING count(*) <> 1) AS twice")).isZero();
        assertThat(count("SELECT count(*) FROM conversation_message m JOIN memory_embedding e"
                + " ON e.owner_kind = 'message' AND e.owner_id = m.id")).isEqualTo(2 * MESSAGES);

        // read for facts once: every user turn in exactly one extraction call, each call one speaker's batch
        List<JsonNode> factCalls = model.requests(StubLlmServer.RequestKind.FACTS);
        List<String> read = factCalls.stream().flatMap(call -> lines(call).stream())
                .filter(line -> line.startsWith("Message: "))
                .map(line -> unquoted(line.substring("Message: ".length()))).toList();
        assertThat(read).as("turns read for facts").containsExactlyInAnyOrderElementsOf(sent);
        assertThat(factCalls).allSatisfy(call -> assertThat(lines(call))
                .filteredOn(line -> line.startsWith("Speaker: ")).hasSize(1));

        // folded once: every turn up to where each summary has got in exactly one summary call, each call stored
        List<JsonNode> summaryCalls = model.requests(StubLlmServer.RequestKind.SUMMARY);
        List<String> folded = summaryCalls.stream().flatMap(call -> turnsFolded(call).stream()).toList();
        assertThat(folded).as("turns folded").doesNotHaveDuplicates();
        assertThat(folded).hasSize(count("SELECT count(*) FROM conversation_message m JOIN conversation_progress p"
                + " ON p.conversation_id = m.conversation_id WHERE m.seq <= p.summarised_seq"));
        assertThat(summaryCalls).as("summary calls, as one replica makes them")
                .hasSize(CHANNELS.size() * folds(2 * USERS_PER_CHANNEL * MESSAGES_PER_USER))
                .hasSize(count("SELECT count(*) FROM conversation_summary"));

        // what the two replicas count of their own work adds up to the same (a counter moves just after its write)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(sum("acore_memory_embeddings_total", "kind=\"message\"")).as("turns embedded")
                    .isEqualTo(2 * MESSAGES);
            assertThat(sum("acore_memory_facts_turns_total", "outcome=\"read\"")).as("turns read for facts")
                    .isEqualTo(MESSAGES);
            assertThat(sum("acore_memory_thinking_calls_total", "work=\"facts\"")).as("fact calls")
                    .isEqualTo(factCalls.size());
            assertThat(sum("acore_memory_thinking_calls_total", "work=\"summary\"")).as("summary calls")
                    .isEqualTo(summaryCalls.size());
            assertThat(sum("acore_memory_summaries_total", "outcome=\"made\"")).as("summaries stored")
                    .isEqualTo(summaryCalls.size());
        });
        assertThat(sum("acore_memory_summaries_total", "outcome=\"made elsewhere\"")).isZero();

        for (ServiceProcess memory : memories) {
            System.out.printf("%s: %.0f turns embedded, %.0f fact calls, %.0f summary calls%n", memory.name(),
                    metric(memory, "acore_memory_embeddings_total", "kind=\"message\""),
                    metric(memory, "acore_memory_thinking_calls_total", "work=\"facts\""),
                    metric(memory, "acore_memory_thinking_calls_total", "work=\"summary\""));
        }
    }

    /** How many folds a conversation of this many turns takes: each folds the same number, the newest are kept. */
    private static int folds(int turns) {
        int folds = 0;
        for (int left = turns; left >= KEEP_RECENT + FOLD_AFTER; left -= FOLD_AFTER) {
            folds++;
        }
        return folds;
    }

    /** A message as memory quotes it for the model: a JSON string. */
    private static String unquoted(String quoted) {
        try {
            return new ObjectMapper().readValue(quoted, String.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not a JSON string: " + quoted, e);
        }
    }

    /** The lines of a background request's input (its last message). */
    private static List<String> lines(JsonNode request) {
        JsonNode messages = request.path("messages");
        return messages.path(messages.size() - 1).path("content").asText().lines().toList();
    }

    /** The {@code "Name": "text"} lines a summary request folds (the days they were said on head them as "On YYYY-MM-DD:"). */
    private static List<String> turnsFolded(JsonNode request) {
        List<String> lines = lines(request);
        return lines.subList(lines.indexOf("Turns:") + 1, lines.size()).stream()
                .filter(line -> !line.isBlank() && !DAY_HEADING.matcher(line).matches()).toList();
    }

    private static int count(String sql) throws SQLException {
        try (Connection connection = stack.openDatabase(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getInt(1);
        }
    }

    /** A counter summed over both replicas' Prometheus metrics. */
    private static int sum(String name, String label) {
        return (int) memories.stream().mapToDouble(memory -> metric(memory, name, label)).sum();
    }

    private static double metric(ServiceProcess memory, String name, String label) {
        String metrics = given().baseUri(memory.baseUrl()).get("/q/metrics").then().statusCode(200).extract()
                .asString();
        Matcher found = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*" + Pattern.quote(label)
                + "[^}]*} ([0-9.eE+]+)$").matcher(metrics);
        double total = 0;
        while (found.find()) {
            total += Double.parseDouble(found.group(1));
        }
        return total;
    }
}
