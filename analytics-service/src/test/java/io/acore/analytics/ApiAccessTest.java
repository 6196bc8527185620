package io.acore.analytics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.postgres.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ApiAccessTest {

    @Test
    void theSummaryNeedsTheRightKey() {
        given().get("/api/summary").then().statusCode(401).body("error", equalTo("missing or wrong X-API-Key header"));
        given().header("X-API-Key", "test-kez").get("/api/summary").then().statusCode(401);
        given().header("X-API-Key", "test-key-and-more").get("/api/summary").then().statusCode(401);
        given().header("X-API-Key", "test-key").get("/api/summary").then().statusCode(200)
                .body("total_requests", notNullValue());
    }

    @Test
    void healthIsOpenAndDownWhileAServiceIsUnreachable() {
        given().get("/api/health").then().statusCode(503).body("status", equalTo("DOWN"));
    }

    @Test
    void theDashboardIsServed() {
        given().get("/").then().statusCode(200).body(org.hamcrest.Matchers.containsString("acore dashboard"));
    }
}
