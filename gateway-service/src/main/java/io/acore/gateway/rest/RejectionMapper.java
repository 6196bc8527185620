package io.acore.gateway.rest;

import io.acore.gateway.service.MessageRejectedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A refused request, from any of the gateway's resources, answers its status with the reason as JSON. */
public class RejectionMapper {
    @ServerExceptionMapper
    public Response rejected(MessageRejectedException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(Map.of("error", e.getMessage()))
                .build();
    }
}
