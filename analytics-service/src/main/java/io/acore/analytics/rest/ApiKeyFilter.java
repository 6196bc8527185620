package io.acore.analytics.rest;

import io.acore.analytics.config.AnalyticsConfig;
import io.acore.events.api.SharedSecret;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Guards every {@code /api/} endpoint except {@code /api/health} with the {@code X-API-Key} header. With no key
 * configured the API is closed (503 and how to open it), never open by default.
 */
public class ApiKeyFilter {
    static final String HEADER = "X-API-Key";

    private final Optional<SharedSecret> expected;

    public ApiKeyFilter(AnalyticsConfig config) {
        this.expected = SharedSecret.of(config.analytics().apiKey());
    }

    @ServerRequestFilter
    public Optional<Response> requireKey(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/") || path.equals("/api/health")) {
            return Optional.empty();
        }
        if (expected.isEmpty()) {
            return Optional.of(error(Response.Status.SERVICE_UNAVAILABLE,
                    "the analytics API is disabled: no API key is configured. Set ACORE_ANALYTICS_API_KEY and "
                            + "send it in the X-API-Key header."));
        }
        if (!expected.get().matches(request.getHeaderString(HEADER))) {
            return Optional.of(error(Response.Status.UNAUTHORIZED, "missing or wrong X-API-Key header"));
        }
        return Optional.empty();
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
