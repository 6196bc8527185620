package io.acore.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The web chat's live streams of the drill's conversations, as browsers watch them: every final reply line, by the
 * message it answers. A line with an id already shown replaces it on the page, so distinct ids are what a user
 * sees. Like the page's EventSource, a stream that breaks (the gateway killed) is opened again until the gateway is
 * back, with the id of the last event it had ({@code Last-Event-ID}); when the gateway says {@code resync} (a first
 * connect, or a gateway that cannot tell what that stream missed) the conversation's stored lines are read and merged
 * in, as the page does.
 */
final class WebStreams implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** An EventSource's own pause before it reconnects. */
    private static final Duration RECONNECT = Duration.ofSeconds(3);

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Set<String>> finalLinesByMessage = new ConcurrentHashMap<>();
    private final Map<String, String> lastEventIds = new ConcurrentHashMap<>();
    private final String gateway;
    private volatile boolean closed;

    WebStreams(String gateway, List<String> channels) {
        this.gateway = gateway;
        channels.forEach(this::watch);
    }

    private void watch(String channel) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create(gateway + "/api/chat/stream?channel=" + channel));
        Optional.ofNullable(lastEventIds.get(channel)).ifPresent(id -> request.header("Last-Event-ID", id));
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    if (response.statusCode() == 200) {
                        response.body().forEach(line -> read(channel, line));
                    }
                })
                .whenComplete((ended, broken) -> {
                    if (!closed) {
                        CompletableFuture.delayedExecutor(RECONNECT.toMillis(), TimeUnit.MILLISECONDS)
                                .execute(() -> watch(channel));
                    }
                });
    }

    /** One line of the event stream: an event's id, its name ({@code resync}) or its data. */
    private void read(String channel, String line) {
        if (line.startsWith("id:")) {
            lastEventIds.put(channel, line.substring("id:".length()).strip());
        } else if (line.matches("event: ?resync")) {
            catchUp(channel);
        } else if (line.startsWith("data:")) {
            take(line.substring("data:".length()));
        }
    }

    private void catchUp(String channel) {
        try {
            HttpResponse<String> stored = http.send(HttpRequest.newBuilder(
                    URI.create(gateway + "/api/chat/messages?channel=" + channel)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (stored.statusCode() == 200) {
                JSON.readTree(stored.body()).forEach(line -> take(line.toString()));
            }
        } catch (IOException | InterruptedException unreachable) {
            // the stream is open, so the gateway is up: the next reconnect reads them again
        }
    }

    private void take(String event) {
        try {
            JsonNode line = JSON.readTree(event);
            if (!line.path("partial").asBoolean(true) && !"user".equals(line.path("role").asText())
                    && !"cancelled".equals(line.path("role").asText())) {
                finalLinesByMessage.computeIfAbsent(line.path("inReplyTo").asText(), id -> ConcurrentHashMap.newKeySet())
                        .add(line.path("id").asText());
            }
        } catch (Exception unreadable) {
            // not a line of the chat: nothing to count
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The distinct final reply lines the stream showed for a message. */
    int shown(String messageId) {
        return finalLinesByMessage.getOrDefault(messageId, Set.of()).size();
    }
}
