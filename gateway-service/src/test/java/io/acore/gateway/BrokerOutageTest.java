package io.acore.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.acore.testkit.InjectTestResource;
import io.acore.testkit.OwnResourcesProfile;
import io.acore.testkit.kafka.Broker;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.postgres.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(BrokerOutageTest.WithItsOwnBroker.class)
class BrokerOutageTest {
    public static class WithItsOwnBroker extends OwnResourcesProfile {
        public WithItsOwnBroker() {
            super(KafkaResource.class, PostgresResource.class);
        }
    }

    @InjectTestResource
    Broker broker;

    @Test
    void whenTheBrokerIsDownTheUserIsToldToTryAgainWithinSeconds() {
        Map<String, String> body = Map.of("channel", "lobby", "user", "ada", "content", "hello?");
        given().contentType("application/json").body(body).post("/api/chat/messages").then().statusCode(202);

        broker.stop();

        given().contentType("application/json").body(body).post("/api/chat/messages").then().statusCode(503)
                .body("error", containsString("try again"));
    }
}
