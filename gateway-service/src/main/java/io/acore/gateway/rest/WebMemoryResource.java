package io.acore.gateway.rest;

import io.acore.events.api.UserMemoryReport;
import io.acore.gateway.client.UserMemory;
import io.acore.gateway.service.MessageRejectedException;
import io.acore.gateway.service.WebIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The web chat user's control over what is remembered about them, proven by their browser's web key (header
 * {@code X-Acore-Web-Key}): see it (in one channel, or everywhere), download it all as JSON, or erase it all.
 */
@Path("/api/chat/memory")
@Produces(MediaType.APPLICATION_JSON)
public class WebMemoryResource {
    static final String KEY_HEADER = "X-Acore-Web-Key";
    static final String EXPORT_FILE = "acore-memory.json";

    private final UserMemory memory;

    public WebMemoryResource(UserMemory memory) {
        this.memory = memory;
    }

    @GET
    public Uni<UserMemoryReport> show(@RestHeader(KEY_HEADER) String key, @RestQuery String channel) {
        return answered(memory.report(userOf(key), channel == null ? null : ChatResource.conversationOf(channel)));
    }

    @GET
    @Path("/export")
    public Uni<Response> export(@RestHeader(KEY_HEADER) String key) {
        return answered(memory.report(userOf(key), null)).map(report -> Response.ok(report)
                .header("Content-Disposition", "attachment; filename=\"" + EXPORT_FILE + "\"").build());
    }

    @DELETE
    public Uni<Map<String, Integer>> forget(@RestHeader(KEY_HEADER) String key) {
        return answered(memory.forget(userOf(key))).map(deleted -> Map.of("deleted", deleted));
    }

    private static String userOf(String key) {
        if (key == null || key.isBlank()) {
            throw new MessageRejectedException(401, "send your web key in the " + KEY_HEADER
                    + " header (the chat page keeps it in your browser)");
        }
        return WebIdentity.userId(key);
    }

    private static <T> Uni<T> answered(Uni<T> call) {
        return call.onFailure().transform(e -> new MessageRejectedException(503,
                "memory is unavailable right now (memory-service did not answer): try again shortly"));
    }
}
