package io.acore.memory.rest;

import io.acore.events.api.ServiceToken;
import io.acore.events.api.SharedSecret;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * memory-service's API answers the other services only: every {@code /api/} call must present the service token
 * ({@link ServiceToken}); health and metrics stay open. With no token configured the API is closed, never open.
 */
public class ServiceTokenFilter {
    private static final Logger LOG = Logger.getLogger(ServiceTokenFilter.class);

    private final Optional<SharedSecret> token;

    public ServiceTokenFilter(@ConfigProperty(name = ServiceToken.PROPERTY) Optional<String> token) {
        this.token = SharedSecret.of(token);
        if (this.token.isEmpty()) {
            LOG.warn("memory-service's API is closed: ACORE_SERVICE_TOKEN is not set. Set the same secret on every "
                    + "service; until then personas answer without memory.");
        }
    }

    @ServerRequestFilter
    public Optional<Response> requireToken(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        if (token.isEmpty()) {
            return Optional.of(error(Response.Status.SERVICE_UNAVAILABLE, "memory-service's API is closed: no "
                    + "service token is configured. Set ACORE_SERVICE_TOKEN to the same secret on every service."));
        }
        if (!ServiceToken.presented(request.getHeaderString(ServiceToken.HEADER), token.get())) {
            return Optional.of(error(Response.Status.UNAUTHORIZED,
                    "missing or wrong service credential (Authorization: Bearer <ACORE_SERVICE_TOKEN>)"));
        }
        return Optional.empty();
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
