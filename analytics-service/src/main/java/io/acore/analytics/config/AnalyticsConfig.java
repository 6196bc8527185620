package io.acore.analytics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "acore")
public interface AnalyticsConfig {
    Analytics analytics();

    Services services();

    interface Analytics {
        /** The key the protected API expects in {@code X-API-Key}; there is deliberately no default. */
        Optional<String> apiKey();

        /** How long one service may take to answer its readiness probe. */
        @WithDefault("2s")
        Duration healthTimeout();
    }

    /** Base URLs of the services whose readiness {@code /api/health} aggregates. */
    interface Services {
        @WithDefault("http://localhost:8080")
        String gatewayUrl();

        @WithDefault("http://localhost:8081")
        String personaUrl();

        @WithDefault("http://localhost:8082")
        String memoryUrl();

        @WithDefault("http://localhost:8083")
        String analyticsUrl();
    }
}
