package io.acore.analytics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.postgres.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(NoApiKeyTest.WithoutKey.class)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class NoApiKeyTest {
    public static class WithoutKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("acore.analytics.api-key", "");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ReadyServicesResource.class));
        }
    }

    @Test
    void withoutAConfiguredKeyTheApiIsClosedAndSaysHowToOpenIt() {
        given().header("X-API-Key", "").get("/api/summary").then().statusCode(503)
                .body("error", containsString("Set ACORE_ANALYTICS_API_KEY"));
    }

    @Test
    void healthNeedsNoKeyAndIsUpWhenEveryServiceIsReady() {
        given().get("/api/health").then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("UP"));
    }
}
