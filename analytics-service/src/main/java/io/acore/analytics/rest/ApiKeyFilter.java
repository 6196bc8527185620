package io.acore.analytics.rest;

import io.acore.analytics.config.AnalyticsConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Guards every {@code /api/} endpoint except {@code /api/health} with the {@code X-API-Key} header. With no key
 * configured the API is closed (503 and how to open it), never open by default.
 */
public class ApiKeyFilter {
    static final String HEADER = "X-API-Key";

    private final Optional<byte[]> expectedDigest;

    public ApiKeyFilter(AnalyticsConfig config) {
        this.expectedDigest = config.analytics().apiKey().filter(key -> !key.isBlank()).map(ApiKeyFilter::digest);
    }

    @ServerRequestFilter
    public Optional<Response> requireKey(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/") || path.equals("/api/health")) {
            return Optional.empty();
        }
        if (expectedDigest.isEmpty()) {
            return Optional.of(error(Response.Status.SERVICE_UNAVAILABLE,
                    "the analytics API is disabled: no API key is configured. Set ACORE_ANALYTICS_API_KEY and "
                            + "send it in the X-API-Key header."));
        }
        String given = request.getHeaderString(HEADER);
        if (given == null || !MessageDigest.isEqual(expectedDigest.get(), digest(given))) {
            return Optional.of(error(Response.Status.UNAUTHORIZED, "missing or wrong X-API-Key header"));
        }
        return Optional.empty();
    }

    /** Comparing fixed-length digests keeps the comparison constant-time, whatever the key lengths. */
    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
