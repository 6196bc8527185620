package io.acore.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acore.devstack.DevStack;
import io.acore.devstack.StackConfig;
import io.acore.testkit.otel.OtlpCollector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tracing as an operator turns it on: the four services export their spans over OTLP to a collector, and one
 * message's trace spans them all, through the Kafka records and the REST calls between them.
 */
@Timeout(300)
class TracingIT {
    private static OtlpCollector collector;
    private static DevStack stack;

    @BeforeAll
    static void startTheStack() throws Exception {
        Path root = Path.of(System.getProperty("acore.root", "..")).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("acore.e2e.logs", "target/e2e-logs")).resolve("tracing");
        collector = OtlpCollector.start();
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_OTEL_SDK_DISABLED", "false");
        env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", collector.endpoint());
        env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf");
        env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
        stack = DevStack.start(new StackConfig(root, StackConfig.freePorts(), 0, 0, null, null, Duration.ofMillis(20),
                env, logs), System.out);
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void oneMessagesTraceSpansAllFourServices() {
        given().baseUri(stack.serviceUrl(StackConfig.GATEWAY)).contentType("application/json")
                .body(Map.of("channel", "traced", "user", "ada", "content", "Sable, are you there?"))
                .post("/api/chat/messages").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> given().baseUri(stack.serviceUrl(StackConfig.GATEWAY))
                .get("/api/chat/messages?channel=traced").then().extract().jsonPath().getList("$").size() == 2);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<OtlpCollector.Span> spans = collector.spans();
            String trace = spans.stream().filter(span -> span.name().equals("POST /api/chat/messages"))
                    .map(OtlpCollector.Span::traceId).findFirst().orElseThrow();
            Set<String> path = spans.stream().filter(span -> span.traceId().equals(trace))
                    .map(span -> span.service() + " " + span.name()).collect(Collectors.toSet());
            assertThat(path).as("the message's path, in one trace").contains(
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
                    "analytics-service acore.chat.outbound receive");
        });
    }
}
