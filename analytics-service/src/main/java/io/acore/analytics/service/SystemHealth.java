package io.acore.analytics.service;

import io.acore.analytics.client.ReadinessProbe;
import io.acore.analytics.config.AnalyticsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Each service's readiness and how long it took to say so; the system is UP when all four report ready. */
@ApplicationScoped
public class SystemHealth {
    private final ReadinessProbe probe;
    private final Map<String, String> services = new LinkedHashMap<>();

    /** One service's answer: ready or not, and the milliseconds its readiness check took (or ran until it failed). */
    public record ServiceHealth(String service, boolean ready, long millis) {
    }

    public SystemHealth(ReadinessProbe probe, AnalyticsConfig config) {
        this.probe = probe;
        AnalyticsConfig.Services urls = config.services();
        services.put("gateway", urls.gatewayUrl());
        services.put("persona", urls.personaUrl());
        services.put("memory", urls.memoryUrl());
        services.put("analytics", urls.analyticsUrl());
    }

    public CompletionStage<Boolean> allReady() {
        return services().thenApply(all -> all.stream().allMatch(ServiceHealth::ready));
    }

    /** Every service, asked at once, in the order gateway, persona, memory, analytics. */
    public CompletionStage<List<ServiceHealth>> services() {
        List<CompletableFuture<ServiceHealth>> checks = services.entrySet().stream().map(service -> {
            long start = System.nanoTime();
            return probe.isReady(service.getValue()).thenApply(ready -> new ServiceHealth(service.getKey(), ready,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
        }).toList();
        return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
                .thenApply(done -> checks.stream().map(CompletableFuture::join).toList());
    }
}
