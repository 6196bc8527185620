package io.acore.memory;

import static io.acore.memory.ServiceCalls.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acore.events.ConversationId;
import io.acore.events.api.ContextRequest;
import io.acore.events.api.MemoryContext;
import io.acore.events.api.Recall;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.postgres.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test profile points memory at {@code target/test-documents} and looks there every second. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class DocumentsTest {
    private static final Path DOCUMENTS = Path.of("target/test-documents");
    private static final String HARBOUR = """
            # The harbour

            The lighthouse on the north pier was rebuilt in 1892, after the great storm took its lantern.

            Fishing boats leave before dawn and come back with the tide; the market opens when they do.
            """;

    @Test
    void anOperatorsDocumentIsRecalledInEveryScopeAndFollowsItsFileWhenItChangesOrGoes() throws IOException {
        Path file = DOCUMENTS.resolve("lore/harbour.md");
        Path broken = DOCUMENTS.resolve("broken.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, HARBOUR);
        Files.write(broken, new byte[] {(byte) 0xC3, 0x28});

        ConversationId web = ConversationId.web("docs-web");
        ConversationId server = ConversationId.discord("770000000000000001", "771000000000000001");
        await().atMost(Duration.ofSeconds(30)).until(() -> passages(web).stream()
                .anyMatch(p -> p.content().contains("rebuilt in 1892") && p.source().equals("lore/harbour.md")));
        assertThat(passages(server)).anyMatch(p -> p.content().contains("rebuilt in 1892"));

        Files.writeString(file, HARBOUR.replace("1892", "1907"));
        await().atMost(Duration.ofSeconds(30)).until(() -> passages(web).stream()
                .anyMatch(p -> p.content().contains("rebuilt in 1907")));
        assertThat(passages(web)).noneMatch(p -> p.content().contains("1892"));

        Files.delete(file);
        Files.delete(broken);
        await().atMost(Duration.ofSeconds(30)).until(() -> passages(web).isEmpty());
    }

    private static List<Recall> passages(ConversationId conversation) {
        return given().contentType(ContentType.JSON)
                .body(new ContextRequest(conversation, "sable", "Sable", "web:reader", "q-" + System.nanoTime(),
                        "When was the lighthouse on the north pier rebuilt?", 0, 0, null, List.of()))
                .post("/api/context").then().statusCode(200).extract().as(MemoryContext.class).recalls().stream()
                .filter(recall -> recall.kind().equals("document")).toList();
    }
}
