package io.acore.analytics.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.acore.analytics.client.ConsumerLag;
import io.acore.analytics.client.ReadinessProbe;
import io.acore.analytics.client.ReadinessProbe.Readiness;
import io.acore.analytics.config.AnalyticsConfig;
import io.acore.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * What {@code /status} tells a member: whether each service is ready, whether the model answers (persona-service's
 * readiness says), and how many chat messages wait for persona-service (its consumer group's lag).
 */
@ApplicationScoped
public class StatusReport {
    static final String PERSONA_GROUP = "persona-service.chat-inbound";

    private final ReadinessProbe probe;
    private final ConsumerLag lag;
    private final Map<String, String> services = new LinkedHashMap<>();

    public StatusReport(ReadinessProbe probe, ConsumerLag lag, AnalyticsConfig config) {
        this.probe = probe;
        this.lag = lag;
        AnalyticsConfig.Services urls = config.services();
        services.put("gateway", urls.gatewayUrl());
        services.put("persona", urls.personaUrl());
        services.put("memory", urls.memoryUrl());
        services.put("analytics", urls.analyticsUrl());
    }

    public String text() {
        Map<String, CompletableFuture<Readiness>> asked = new LinkedHashMap<>();
        services.forEach((name, url) -> asked.put(name, probe.readiness(url)));
        Map<String, Readiness> answers = new LinkedHashMap<>();
        asked.forEach((name, answer) -> answers.put(name, answer.join()));
        String up = answers.entrySet().stream()
                .map(service -> service.getKey() + (service.getValue().ready() ? " ready" : " **not ready**"))
                .collect(Collectors.joining(" · "));
        OptionalLong waiting = lag.of(PERSONA_GROUP, Topics.CHAT_INBOUND);
        return "**acore status**\nServices: " + up + "\nModel: " + model(answers.get("persona").report())
                + "\nWaiting to be answered: " + (waiting.isPresent() ? waiting.getAsLong() + " messages" : "unknown");
    }

    /** The model's state as persona-service's readiness reports it. */
    private static String model(JsonNode personaReadiness) {
        for (JsonNode check : personaReadiness.path("checks")) {
            JsonNode model = check.path("data").path("model");
            if (model.isTextual()) {
                JsonNode fallback = check.path("data").path("fallback-model");
                return model.asText() + (fallback.isTextual() ? " (fallback model: " + fallback.asText() + ")" : "");
            }
        }
        return "unknown (persona-service does not answer)";
    }
}
