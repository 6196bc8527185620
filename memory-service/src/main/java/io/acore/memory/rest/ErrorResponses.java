package io.acore.memory.rest;

import io.acore.memory.repository.StorageUnavailableException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** How every memory API says what went wrong: a JSON body with an {@code error} text. */
public class ErrorResponses {
    @ServerExceptionMapper
    public Response unavailable(StorageUnavailableException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .entity(Map.of("error", "memory is unavailable: the database cannot be reached"))
                .type(MediaType.APPLICATION_JSON).build();
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequestException e) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", e.getMessage()))
                .type(MediaType.APPLICATION_JSON).build();
    }
}
