package io.acore.persona;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.acore.testkit.PrometheusText;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.model.StubModelResource;
import io.acore.testkit.postgres.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StubModelResource.class, scope = TestResourceScope.GLOBAL)
class PersonaResourceTest {

    @Test
    void listsTheBuiltInPersonas() {
        given().get("/api/personas").then().statusCode(200)
                .body("id", containsInAnyOrder("sable", "quill", "marlow", "juniper"))
                .body("name", containsInAnyOrder("Sable", "Quill", "Marlow", "Juniper"))
                .body("find { it.id == 'sable' }.description", not(containsString("{{char}}")));
    }

    @Test
    void showsOnePersonaAndSaysWhenThereIsNone() {
        given().get("/api/personas/quill").then().statusCode(200).body("name", equalTo("Quill"));
        given().get("/api/personas/nobody").then().statusCode(404);
    }

    @Test
    void reportsHealthAndMetrics() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'kafka partitions' }.data.'chat-inbound'", endsWith(" partitions")));
        given().get("/q/health/live").then().statusCode(200);
        String scrape = given().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes")).extract().asString();
        assertThat(PrometheusText.invalidHelpLines(scrape)).as("help texts Prometheus can read").isEmpty();
    }
}
