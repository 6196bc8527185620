package io.acore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.acore.events.api.ServiceToken;
import io.acore.testkit.PrometheusText;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.postgres.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.Method;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ServiceCredentialTest {
    private record Call(Method method, String path) {
    }

    private static final List<Call> EVERY_API = List.of(
            new Call(Method.POST, "/api/context"),
            new Call(Method.GET, "/api/conversations/web:lobby/messages"),
            new Call(Method.GET, "/api/users/discord:1/memory"),
            new Call(Method.GET, "/api/users/discord:1/messages"),
            new Call(Method.DELETE, "/api/users/discord:1/messages"));

    @Test
    void everyApiRefusesACallerWithoutTheServiceTokenOrWithAnotherOne() {
        List<Supplier<RequestSpecification>> strangers = List.of(RestAssured::given,
                () -> RestAssured.given().header(ServiceToken.HEADER, ServiceToken.bearer("guessed")),
                () -> RestAssured.given().header(ServiceToken.HEADER, "memory-tests-service-token"),
                () -> RestAssured.given().header(ServiceToken.HEADER, ServiceToken.bearer("")));
        for (Supplier<RequestSpecification> stranger : strangers) {
            for (Call call : EVERY_API) {
                stranger.get().contentType("application/json").body("{}").request(call.method(), call.path()).then()
                        .statusCode(401).body("error", containsString("ACORE_SERVICE_TOKEN"));
            }
        }
    }

    @Test
    void theOtherServicesAreAnsweredAndHealthAndMetricsStayOpen() {
        ServiceCalls.given().get("/api/conversations/web:lobby/messages").then().statusCode(200);
        RestAssured.given().get("/q/health/live").then().statusCode(200);
        assertThat(PrometheusText.invalidHelpLines(RestAssured.given().get("/q/metrics").then().statusCode(200)
                .extract().asString())).as("help texts Prometheus can read").isEmpty();
    }
}
