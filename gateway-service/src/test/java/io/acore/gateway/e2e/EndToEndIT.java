package io.acore.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.acore.devstack.DevStack;
import io.acore.devstack.ServiceProcess;
import io.acore.devstack.StackConfig;
import io.acore.devstack.StubLlmServer;
import io.acore.events.Reply;
import io.acore.events.Topics;
import io.acore.events.api.ServiceToken;
import io.acore.testkit.GrafanaDashboard;
import io.acore.testkit.PrometheusText;
import io.acore.testkit.discord.FakeDiscord;
import io.acore.testkit.otel.OtlpCollector;
import io.acore.testkit.kafka.KafkaTopics;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole system as {@code ./acore up} runs it: real broker, real PostgreSQL, the stub model, and the four
 * packaged services as separate processes, driven only through their public HTTP APIs; with tracing turned on, as an
 * operator would, exporting to an in-JVM OTLP collector.
 */
@Timeout(300)
class EndToEndIT {
    private static final String API_KEY = "e2e-" + System.nanoTime();
    private static final String ADMIN_KEY = "e2e-admin-" + System.nanoTime();
    private static FakeDiscord discord;
    private static OtlpCollector collector;
    private static DevStack stack;

    @BeforeAll
    static void startTheStack() throws Exception {
        Path root = Path.of(System.getProperty("acore.root", "..")).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("acore.e2e.logs", "target/e2e-logs"));
        discord = FakeDiscord.start();
        collector = OtlpCollector.start();
        Map<String, String> env = new HashMap<>(discord.gatewayEnvironment());
        // tracing as an operator turns it on: every service exports its spans to the collector
        env.put("QUARKUS_OTEL_SDK_DISABLED", "false");
        env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", collector.endpoint());
        env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf");
        env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
        env.put("ACORE_ANALYTICS_API_KEY", API_KEY);
        env.put("ACORE_GATEWAY_ADMIN_KEY", ADMIN_KEY);
        env.put("ACORE_MEMORY_FACTS_SETTLE", "2s"); // facts are looked for once the reply is in: 2 s is plenty here
        env.put("ACORE_MEMORY_FACTS_LONGEST_WAIT", "10s");
        // room for the whole recent window beside memory's notes at their largest, so that how many turns a prompt
        // holds does not depend on how long the summary and the recalled lines happen to be
        env.put("ACORE_LLM_CONTEXT_TOKENS", "8192");
        stack = DevStack.start(new StackConfig(root, StackConfig.freePorts(), 0, 0, null, null, Duration.ofMillis(20),
                env, logs), System.out);
    }

    @AfterAll
    static void stopTheStack() throws InterruptedException {
        if (stack != null) {
            stack.close();
        }
        if (discord != null) {
            discord.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    private static Map<String, Integer> summary() {
        return summary(url(StackConfig.ANALYTICS));
    }

    private static Map<String, Integer> summary(String analytics) {
        return given().baseUri(analytics).header("X-API-Key", API_KEY).get("/api/summary")
                .then().statusCode(200).extract().jsonPath().getMap("$");
    }

    /** memory-service's API, called as the other services call it: with the stack's service token. */
    private static RequestSpecification memoryApi() {
        return given().baseUri(stack.serviceUrl(StackConfig.MEMORY))
                .header(ServiceToken.HEADER, ServiceToken.bearer(stack.serviceToken()));
    }

    private static String url(String service) {
        return stack.serviceUrl(service);
    }

    @Test
    void oneMessagesTraceSpansAllFourServicesThroughTheirRecordsAndCalls() {
        given().baseUri(stack.serviceUrl(StackConfig.GATEWAY)).contentType("application/json")
                .body(Map.of("channel", "e2e-traced", "user", "ada", "content", "Sable, are you there?"))
                .post("/api/chat/messages").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> given().baseUri(stack.serviceUrl(StackConfig.GATEWAY))
                .get("/api/chat/messages?channel=e2e-traced").then().extract().jsonPath().getList("$").size() == 2);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Set<String>> paths = collector.spans().stream().collect(Collectors.groupingBy(
                    OtlpCollector.Span::traceId, Collectors.mapping(span -> span.service() + " " + span.name(),
                            Collectors.toSet())));
            assertThat(paths.values()).as("a message's path, in one trace").anySatisfy(path -> assertThat(path)
                    .contains("gateway-service POST /api/chat/messages",
                            "gateway-service acore.chat.inbound publish",
                            "persona-service acore.chat.inbound receive",
                            "memory-service acore.chat.inbound receive",
                            "analytics-service acore.chat.inbound receive",
                            "persona-service POST /api/context",
                            "memory-service POST /api/context",
                            "persona-service model call",
                            "persona-service acore.chat.outbound publish",
                            "gateway-service acore.chat.outbound receive",
                            "memory-service acore.chat.outbound receive",
                            "analytics-service acore.chat.outbound receive"));
        });
    }

    @Test
    void analyticsKeepsItsTotalsThroughAKillMidTrafficAndTwoReplicasReportTheSame() throws Exception {
        ServiceProcess first = stack.service(StackConfig.ANALYTICS);
        ServiceProcess second = stack.startReplica(StackConfig.ANALYTICS, Map.of());
        Map<String, Integer> before = summary();
        int messages = 12;
        for (int i = 0; i < messages; i++) {
            if (i == messages / 2) {
                first.kill();
            }
            given().baseUri(url(StackConfig.GATEWAY)).contentType("application/json")
                    .body(Map.of("channel", "e2e-tally-" + i % 4, "user", "tally-" + i, "content", "count me, " + i))
                    .post("/api/chat/messages").then().statusCode(202);
        }
        first.restart();
        first.awaitReady(Duration.ofSeconds(60));

        List<String> agreed = List.of("messages", "replies", "total_requests", "errors", "dead_letters");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            Map<String, Integer> fromFirst = summary(first.baseUrl());
            assertThat(fromFirst.get("messages") - before.get("messages")).isEqualTo(messages);
            assertThat(fromFirst.get("replies") - before.get("replies")).isEqualTo(messages);
            Map<String, Integer> fromSecond = summary(second.baseUrl());
            for (String total : agreed) {
                assertThat(fromSecond.get(total)).as(total).isEqualTo(fromFirst.get(total));
            }
        });
        assertThat(summary().get("active_users_today")).isGreaterThanOrEqualTo(messages);
    }

    @Test
    void theWebChatsAdminGivesAChannelADefaultPersonaWithTheAdminKeyAndNobodyElseCan() {
        Map<String, Object> command = Map.of("channel", "e2e-admin", "command", "persona channel default",
                "options", Map.of("persona", "Juniper"));
        given().baseUri(url(StackConfig.GATEWAY)).contentType("application/json").body(command)
                .post("/api/admin/commands").then().statusCode(401);
        given().baseUri(url(StackConfig.GATEWAY)).contentType("application/json").header("Authorization", "Bearer wrong")
                .body(command).post("/api/admin/commands").then().statusCode(401);
        String answer = given().baseUri(url(StackConfig.GATEWAY)).contentType("application/json")
                .header("Authorization", "Bearer " + ADMIN_KEY).body(command).post("/api/admin/commands").then()
                .statusCode(200).extract().path("answer");
        assertThat(answer).startsWith("**Juniper** is this channel's default");

        given().baseUri(url(StackConfig.GATEWAY)).contentType("application/json")
                .body(Map.of("channel", "e2e-admin", "user", "bo", "content", "anyone around?"))
                .post("/api/chat/messages").then().statusCode(202);
        JsonPath chat = await().atMost(Duration.ofSeconds(60)).until(() -> given().baseUri(url(StackConfig.GATEWAY))
                .get("/api/chat/messages?channel=e2e-admin").then().extract().jsonPath(),
                json -> json.getList("$").size() == 2);
        assertThat(chat.getString("[1].author.personaId")).as("the channel's default, set by the admin").isEqualTo("juniper");
    }

    @Test
    void aChatMessageComesBackAsTheNamedPersonasReplyAndIsRememberedAndCounted() {
        Map<String, Integer> before = summary();
        String id = given().baseUri(url(StackConfig.GATEWAY)).contentType("application/json")
                .body(Map.of("channel", "e2e", "user", "ada", "content", "Good evening, Marlow!"))
                .post("/api/chat/messages").then().statusCode(202).extract().path("id");

        JsonPath chat = await().atMost(Duration.ofSeconds(60)).until(
                () -> given().baseUri(url(StackConfig.GATEWAY)).get("/api/chat/messages?channel=e2e").then()
                        .extract().jsonPath(),
                json -> json.getList("$").size() == 2);
        assertThat(chat.getString("[0].id")).isEqualTo(id);
        assertThat(chat.getString("[0].role")).isEqualTo("user");
        assertThat(chat.getString("[0].author.name")).isEqualTo("ada");
        assertThat(chat.getString("[1].role")).isEqualTo("persona");
        assertThat(chat.getString("[1].author.personaId")).isEqualTo("marlow");
        assertThat(chat.getString("[1].author.name")).isEqualTo("Marlow");
        assertThat(chat.getString("[1].content")).startsWith(StubLlmServer.MARK).contains("Good evening, Marlow!");

        List<Map<String, Object>> memory = memoryApi()
                .get("/api/conversations/web:e2e/messages").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(memory).extracting(m -> m.get("role")).containsExactly("user", "persona");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Integer> after = summary();
            assertThat(after.get("messages") - before.get("messages")).isEqualTo(1);
            assertThat(after.get("replies") - before.get("replies")).isEqualTo(1);
            assertThat(after.get("total_requests") - before.get("total_requests")).isEqualTo(1);
            assertThat(after.get("errors")).isZero();
        });

        given().baseUri(url(StackConfig.GATEWAY)).contentType("application/json")
                .body(Map.of("channel", "e2e", "user", "ada", "content", "Marlow, do you remember me?"))
                .post("/api/chat/messages").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(
                () -> given().baseUri(url(StackConfig.GATEWAY)).get("/api/chat/messages?channel=e2e").then()
                        .extract().jsonPath().getList("content", String.class),
                lines -> lines.size() == 4 && lines.get(3).contains("(2 earlier turns in context)"));
    }

    @Test
    void everySeriesTheGrafanaDashboardQueriesIsInTheServicesScrapes() throws Exception {
        Path dashboard = Path.of(System.getProperty("acore.root", "..")).resolve("docker/grafana/dashboards/acore.json");
        Set<String> queried = GrafanaDashboard.seriesQueried(Files.readString(dashboard));
        assertThat(queried).as("the dashboard's series").hasSizeGreaterThan(10);
        given().baseUri(url(StackConfig.GATEWAY)).contentType("application/json")
                .body(Map.of("channel", "e2e-metrics", "user", "ada", "content", "Marlow, anything to report?"))
                .post("/api/chat/messages").then().statusCode(202);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Set<String> exported = new HashSet<>();
            for (String service : List.of(StackConfig.GATEWAY, StackConfig.PERSONA, StackConfig.MEMORY,
                    StackConfig.ANALYTICS)) {
                // the Prometheus text format, which promtool reads (a client that asks for OpenMetrics gets exemplars)
                String scrape = given().baseUri(url(service)).accept("text/plain; version=0.0.4").get("/q/metrics")
                        .then().statusCode(200).extract().asString();
                assertThat(PrometheusText.invalidHelpLines(scrape)).as(service + "'s help texts").isEmpty();
                assertThat(PrometheusText.familiesWithoutHelp(scrape, "acore_")).as(service + "'s help texts").isEmpty();
                assertThat(PrometheusText.promtoolErrors(scrape)).as("promtool on " + service + "'s scrape").isEmpty();
                exported.addAll(PrometheusText.seriesNames(scrape));
            }
            assertThat(exported).containsAll(queried);
        });
    }

    @Test
    void aStatementSixtyTurnsBackIsRecalledAndWithoutMemoryTheReplyStillComes() throws Exception {
        String channel = "e2e-memory";
        say(channel, "rhea", "Sable, my grandmother kept the lighthouse on Vlieland, painted red and white.");
        for (int i = 0; i < 30; i++) {
            say(channel, "deck" + i % 6, "Sable, turn " + i + ": the kettle whistles and the fog rolls in again.");
        }
        awaitLines(channel, 62);
        await().atMost(Duration.ofSeconds(60)).until(() -> memoryApi()
                .contentType("application/json").body(Map.of("conversationId", "web:" + channel, "personaId", "sable",
                        "userId", "web:rhea", "messageId", "none", "message", "?", "recentTurns", 0, "recentTokens", 0))
                .post("/api/context").then().statusCode(200).extract().path("summary") != null);

        say(channel, "rhea", "Sable, which island did my grandmother keep the lighthouse on?");
        String answer = awaitLines(channel, 64).get(63);
        // the stub names the sections of memory it was shown ("Earlier in this conversation" too when an episode
        // of the fold is close enough to the question, which depends on how many turns the fold took)
        assertThat(answer).contains("(20 earlier turns in context)")
                .contains("Memory: Summary of this conversation so far;")
                .contains("Earlier messages that may matter now.");
        assertThat(answer.substring(answer.indexOf("First recalled:"))).contains("Vlieland");

        stack.service(StackConfig.MEMORY).kill();
        try (KafkaTopics topics = KafkaTopics.of(stack.kafkaClient())) {
            String asked = say(channel, "rhea", "Sable, are you still there?");
            Reply reply = await().atMost(Duration.ofSeconds(60)).until(() -> topics.events(Topics.CHAT_OUTBOUND,
                    Reply.class).stream().filter(r -> asked.equals(r.inReplyTo()) && r.isFinal()).findFirst(),
                    Optional::isPresent).orElseThrow();
            assertThat(reply.content()).contains("Sable, are you still there?").doesNotContain("Memory:");
        } finally {
            stack.service(StackConfig.MEMORY).restart();
            stack.service(StackConfig.MEMORY).awaitReady(Duration.ofSeconds(90));
        }
    }

    /** Posts a line to the web chat; returns its message id. */
    private static String say(String channel, String user, String content) {
        return given().baseUri(url(StackConfig.GATEWAY)).contentType("application/json")
                .body(Map.of("channel", channel, "user", user, "content", content))
                .post("/api/chat/messages").then().statusCode(202).extract().path("id");
    }

    /** The channel's lines once there are {@code count} of them, as the web chat's live history shows them. */
    private static List<String> awaitLines(String channel, int count) {
        return await().atMost(Duration.ofSeconds(120)).until(
                () -> given().baseUri(url(StackConfig.GATEWAY)).get("/api/chat/messages?channel=" + channel)
                        .then().extract().jsonPath().getList("content", String.class),
                lines -> lines.size() >= count);
    }

    @Test
    void aDiscordMemberTalksToAPersonaAndManagesWhatIsRemembered() {
        discord.userWrites("888000000000000888", "ivy", "Quill, my name is Ivy and I like old atlases.");

        FakeDiscord.PostedMessage reply = await().atMost(Duration.ofSeconds(60)).until(() -> discord.postedMessages()
                .stream().filter(p -> "Quill".equals(p.username()) && p.currentContent().contains("earlier turns"))
                .findFirst(), Optional::isPresent).orElseThrow();
        assertThat(reply.currentContent()).startsWith(StubLlmServer.MARK)
                .contains("my name is Ivy and I like old atlases.");
        assertThat(discord.typingIn()).contains(FakeDiscord.CHANNEL_ID);

        String personas = runCommand("persona", "list");
        assertThat(personas).contains("**Sable**", "**Quill**", "**Marlow**", "**Juniper**");
        String shown = await().atMost(Duration.ofSeconds(60)).until(() -> runCommand("memory", "show"),
                text -> text.contains("likes old atlases"));
        assertThat(shown).contains("1 of your messages are remembered.", "**Every persona knows:**\n• is called Ivy",
                "**quill knows:**\n• likes old atlases");

        FakeDiscord.InteractionResponse export = answer("memory", "export");
        assertThat(export.content()).contains("1 messages, 2 facts, 1 profiles");
        JsonPath exported = JsonPath.from(new String(export.files().get("acore-memory.json"), StandardCharsets.UTF_8));
        assertThat(exported.getString("userId")).isEqualTo("discord:888000000000000888");
        assertThat(exported.getList("messages.content", String.class))
                .containsExactly("Quill, my name is Ivy and I like old atlases.");
        assertThat(exported.getList("facts.content", String.class)).containsExactlyInAnyOrder("is called Ivy",
                "likes old atlases");

        assertThat(runCommand("memory", "forget")).contains("1 of your messages, and everything learned from them");
        assertThat(runCommand("memory", "show")).isEqualTo("Nothing is remembered about you.");

        assertThat(runCommand("status", null)).contains("Services: gateway ready · persona ready · memory ready · "
                + "analytics ready", "Model: answering").containsPattern("Waiting to be answered: \\d+ messages");
    }

    @Test
    void aWebUserSeesExportsAndErasesWhatIsRememberedWithTheirBrowsersKeyAndNobodyElseCan() {
        String key = "web-key-of-ada-" + "0123456789abcdef0123456789abcdef";
        given().baseUri(url(StackConfig.GATEWAY)).contentType("application/json")
                .body(Map.of("channel", "e2e-web-memory", "user", "ada", "content", "Sable, I like kites.", "key", key))
                .post("/api/chat/messages").then().statusCode(202);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> webMemory(key).queryParam("channel", "e2e-web-memory").get()
                .then().statusCode(200).body("facts.content", hasItem("likes kites")));
        webMemory(key).get("/export").then().statusCode(200)
                .header("Content-Disposition", containsString("acore-memory.json"))
                .body("messages.content", contains("Sable, I like kites."));
        webMemory("someone-else-0123456789abcdef0123456789").get().then().statusCode(200)
                .body("messages", hasSize(0)).body("facts", hasSize(0));
        given().baseUri(url(StackConfig.GATEWAY)).get("/api/chat/memory").then().statusCode(401)
                .body("error", containsString("X-Acore-Web-Key"));
        given().baseUri(url(StackConfig.GATEWAY)).get("/api/chat/messages?channel=e2e-web-memory").then()
                .body("author.id", not(hasItem(containsString(key))));

        webMemory(key).delete().then().statusCode(200).body("deleted", equalTo(1));
        webMemory(key).get().then().statusCode(200).body("messages", hasSize(0)).body("facts", hasSize(0));
    }

    private static RequestSpecification webMemory(String key) {
        return given().baseUri(url(StackConfig.GATEWAY)).basePath("/api/chat/memory").header("X-Acore-Web-Key", key);
    }

    private static String runCommand(String command, String subcommand) {
        return answer(command, subcommand).content();
    }

    private static FakeDiscord.InteractionResponse answer(String command, String subcommand) {
        String token = discord.userRunsCommand("888000000000000888", "ivy", command, subcommand);
        return await().atMost(Duration.ofSeconds(20)).until(() -> discord.interactionResponses().stream()
                .filter(r -> r.token().equals(token) && r.type() == 0).findFirst(), Optional::isPresent).orElseThrow();
    }

    @Test
    void everyServiceIsReadyAndTheSystemReportsUp() {
        for (String service : List.of(StackConfig.GATEWAY, StackConfig.PERSONA, StackConfig.MEMORY, StackConfig.ANALYTICS)) {
            given().baseUri(url(service)).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            given().baseUri(url(service)).get("/q/health/live").then().statusCode(200);
            given().baseUri(url(service)).get("/q/health/started").then().statusCode(200);
            given().baseUri(url(service)).get("/q/metrics").then().statusCode(200)
                    .body(containsString("jvm_memory_used_bytes"));
        }
        given().baseUri(url(StackConfig.ANALYTICS)).get("/api/health").then().statusCode(200)
                .body("status", equalTo("UP"));
        given().baseUri(url(StackConfig.MEMORY)).get("/api/conversations/web:e2e/messages").then().statusCode(401);
        given().baseUri(url(StackConfig.GATEWAY)).get("/").then().statusCode(200).body(containsString("acore chat"));
        given().baseUri(url(StackConfig.PERSONA)).get("/api/personas").then().statusCode(200)
                .body("size()", equalTo(4));
        given().baseUri(url(StackConfig.GATEWAY)).get("/api/chat/personas").then().statusCode(200)
                .body("name", org.hamcrest.Matchers.hasItems("Sable", "Quill", "Marlow", "Juniper"));
    }
}
