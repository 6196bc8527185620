package io.acore.analytics.client;

import io.acore.analytics.config.AnalyticsConfig;
import jakarta.enterprise.context.ApplicationScoped;
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

    public ReadinessProbe(AnalyticsConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.analytics().healthTimeout()).build();
    }

    public CompletableFuture<Boolean> isReady(String baseUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                .timeout(config.analytics().healthTimeout()).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> response.statusCode() == 200)
                .exceptionally(unreachable -> false);
    }
}
