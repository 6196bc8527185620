package io.acore.memory;

import io.acore.events.api.ServiceToken;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/** Calls to memory-service's API as the other services make them: with the service token. */
final class ServiceCalls {
    private ServiceCalls() {
    }

    static RequestSpecification given() {
        return RestAssured.given().header(ServiceToken.HEADER, ServiceToken.bearer(
                ConfigProvider.getConfig().getValue(ServiceToken.PROPERTY, String.class)));
    }
}
