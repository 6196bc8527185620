package io.acore.analytics.service;

import io.acore.analytics.client.ReadinessProbe;
import io.acore.analytics.config.AnalyticsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The system is UP when all four services report ready. */
@ApplicationScoped
public class SystemHealth {
    private final ReadinessProbe probe;
    private final List<String> services;

    public SystemHealth(ReadinessProbe probe, AnalyticsConfig config) {
        this.probe = probe;
        AnalyticsConfig.Services urls = config.services();
        this.services = List.of(urls.gatewayUrl(), urls.personaUrl(), urls.memoryUrl(), urls.analyticsUrl());
    }

    public CompletionStage<Boolean> allReady() {
        List<CompletableFuture<Boolean>> checks = services.stream().map(probe::isReady).toList();
        return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
                .thenApply(done -> checks.stream().allMatch(CompletableFuture::join));
    }
}
