package io.acore.gateway.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.acore.events.Author;
import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.events.api.PersonaSummary;
import io.acore.gateway.client.PersonaDirectory;
import io.acore.gateway.config.GatewayConfig;
import io.acore.gateway.service.ChatHistory;
import io.acore.gateway.service.ChatIntake;
import io.acore.gateway.service.ChatLine;
import io.acore.gateway.service.HistoryUnavailableException;
import io.acore.gateway.service.InputSanitizer;
import io.acore.gateway.service.MessageRejectedException;
import io.acore.gateway.service.WebChatHub;
import io.acore.gateway.service.WebIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The local web chat's API: send a message, read a channel's history, watch it live. */
@Path("/api/chat")
public class ChatResource {
    private static final Pattern CHANNEL = Pattern.compile("(?=.*[A-Za-z0-9])[A-Za-z0-9._-]{1,64}");
    private static final int MAX_USER_NAME = 80;
    /** Past the producer's own limits (5 s to send, 10 s to be acknowledged): the broker is not taking records. */
    private static final Duration ACCEPT_WAIT = Duration.ofSeconds(20);
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");
    private static final String SHAPE = "{\"channel\":\"…\",\"user\":\"…\",\"content\":\"…\"} with text values";

    private final ChatIntake intake;
    private final ChatHistory history;
    private final WebChatHub hub;
    private final InputSanitizer sanitizer;
    private final PersonaDirectory personas;
    private final GatewayConfig config;

    public ChatResource(ChatIntake intake, ChatHistory history, WebChatHub hub, InputSanitizer sanitizer,
            PersonaDirectory personas, GatewayConfig config) {
        this.intake = intake;
        this.personas = personas;
        this.sanitizer = sanitizer;
        this.history = history;
        this.hub = hub;
        this.config = config;
    }

    /** {@code key}: the browser's web key ({@link WebIdentity}); without one, the user is known by name alone. */
    public record PostedMessage(String channel, String user, String content, String key) {
    }

    /**
     * {@code Idempotency-Key}: the client's own name for this message (the web page sends a random one per message),
     * so that the same POST sent again — a retry after a dropped connection — is the same message, answered once.
     * On a worker thread, which waits for the broker's acknowledgement (within the producer's own limits): the user's
     * rate limit is read from the database, and the response is written where the request began, never from the
     * producer's thread.
     */
    @POST
    @Blocking
    @Path("/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response post(PostedMessage posted, @RestHeader("Idempotency-Key") String idempotencyKey) {
        if (posted == null) {
            throw new MessageRejectedException(400, "Send JSON: " + SHAPE);
        }
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new MessageRejectedException(400, "'Idempotency-Key' must be 1 to 200 visible ASCII characters");
        }
        ConversationId conversation = conversationOf(posted.channel());
        String user = sanitizer.clean(posted.user());
        if (user.isEmpty() || sanitizer.length(user) > MAX_USER_NAME || user.contains("\n")
                || !sanitizer.isWellFormed(user)) {
            throw new MessageRejectedException(400, "'user' must be a name of 1 to " + MAX_USER_NAME + " characters");
        }
        String userId = posted.key() == null ? WebIdentity.userIdByName(user) : WebIdentity.userId(posted.key());
        String clientMessageId = idempotencyKey == null ? null : conversation + "/" + userId + "/" + idempotencyKey;
        ChatMessage message = intake.accept(conversation, clientMessageId, new Author(userId, user, false),
                posted.content(), null, null, false, null).ifNoItem().after(ACCEPT_WAIT)
                .failWith(() -> new MessageRejectedException(503, "the message could not be taken in right now; "
                        + "please try again"))
                .await().indefinitely();
        return Response.accepted(Map.of("id", message.id())).build();
    }

    @GET
    @Path("/messages")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ChatLine> messages(@RestQuery String channel) {
        return history.lines(conversationOf(channel), config.gateway().historyLimit());
    }

    /** Who can answer, for the chat page (from persona-service). */
    @GET
    @Path("/personas")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<PersonaSummary>> personas() {
        return personas.list().onFailure().transform(e -> new MessageRejectedException(503,
                        "the persona list is unavailable right now (persona-service did not answer)"));
    }

    /**
     * The channel's lines as they happen, each with an event id. A browser's stream that breaks reconnects with the
     * {@code Last-Event-ID} it last had and gets what it missed first; where this process cannot tell (it did not give
     * that id, or no longer keeps the lines), or on a first connect, the stream starts with a {@code resync} event:
     * the page then reads the channel's stored lines ({@code GET /messages}).
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@RestQuery String channel, @RestHeader("Last-Event-ID") String lastEventId,
            @Context Sse sse) {
        return hub.watch(conversationOf(channel), Optional.ofNullable(lastEventId)).map(live -> live.resync()
                ? sse.newEventBuilder().name("resync").data("{}").build()
                : sse.newEventBuilder().id(live.eventId()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(ChatLine.class, live.line()).build());
    }

    static ConversationId conversationOf(String channel) {
        if (channel == null || !CHANNEL.matcher(channel).matches()) {
            throw new MessageRejectedException(400,
                    "'channel' must be 1 to 64 letters, digits, dots, dashes or underscores, with a letter or digit");
        }
        return ConversationId.web(channel);
    }

    @ServerExceptionMapper
    public Response historyUnavailable(HistoryUnavailableException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", e.getMessage())).build();
    }

    /** Quarkus reports an unreadable body as a bare 400; say what was wrong with it. */
    @ServerExceptionMapper
    public Response unreadableBody(WebApplicationException e) {
        return e.getCause() instanceof JsonProcessingException json ? unreadableJson(json) : e.getResponse();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException json) {
        String what = json instanceof JsonParseException ? "the request body is not valid JSON: "
                : "the request body is not " + SHAPE + ": ";
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", what + json.getOriginalMessage())).build();
    }
}
