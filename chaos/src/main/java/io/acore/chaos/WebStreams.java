package io.acore.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web chat's live streams of the drill's conversations, as browsers watch them: every final reply line, by the
 * message it answers. A line with an id already shown replaces it on the page, so distinct ids are what a user
 * sees.
 */
final class WebStreams {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Set<String>> finalLinesByMessage = new ConcurrentHashMap<>();

    WebStreams(String gateway, List<String> channels) {
        for (String channel : channels) {
            http.sendAsync(HttpRequest.newBuilder(URI.create(gateway + "/api/chat/stream?channel=" + channel)).build(),
                    HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(response -> response.body().filter(line -> line.startsWith("data:"))
                            .forEach(this::take));
        }
    }

    private void take(String event) {
        try {
            JsonNode line = JSON.readTree(event.substring("data:".length()));
            if (!line.path("partial").asBoolean(true) && !"user".equals(line.path("role").asText())
                    && !"cancelled".equals(line.path("role").asText())) {
                finalLinesByMessage.computeIfAbsent(line.path("inReplyTo").asText(), id -> ConcurrentHashMap.newKeySet())
                        .add(line.path("id").asText());
            }
        } catch (Exception unreadable) {
            // not a line of the chat: nothing to count
        }
    }

    /** The distinct final reply lines the stream showed for a message. */
    int shown(String messageId) {
        return finalLinesByMessage.getOrDefault(messageId, Set.of()).size();
    }
}
