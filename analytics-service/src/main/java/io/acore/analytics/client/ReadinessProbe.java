package io.acore.analytics.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.acore.analytics.config.AnalyticsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/** Asks a service's {@code /q/health/ready} without blocking; anything but HTTP 200 in time counts as not ready. */
@ApplicationScoped
public class ReadinessProbe {
    private final HttpClient http;
    private final AnalyticsConfig config;
    private final ObjectMapper json;

    public ReadinessProbe(AnalyticsConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.analytics().healthTimeout()).build();
    }

    public CompletableFuture<Boolean> isReady(String baseUrl) {
        return readiness(baseUrl).thenApply(Readiness::ready);
    }

    /** Whether the service is ready, and what its readiness checks say (empty when it did not answer). */
    public record Readiness(boolean ready, JsonNode report) {
    }

    public CompletableFuture<Readiness> readiness(String baseUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                .timeout(config.analytics().healthTimeout()).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Readiness(response.statusCode() == 200, read(response.body())))
                .exceptionally(unreachable -> new Readiness(false, MissingNode.getInstance()));
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }
}
