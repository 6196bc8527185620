package io.acore.persona.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acore.persona.config.LlmConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Streams chat completions from an OpenAI-compatible server ({@code POST {base}/chat/completions} with
 * {@code stream: true}, server-sent events, {@code [DONE]}; comment lines are skipped). A server that ignores
 * {@code stream} and answers plain JSON is accepted too. Blocking: call it from a worker thread.
 */
@ApplicationScoped
public class OpenAiChatClient {
    private final LlmConfig config;
    private final ObjectMapper json;
    private final HttpClient http;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "llm-deadline");
        t.setDaemon(true);
        return t;
    });

    public OpenAiChatClient(LlmConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
    }

    /**
     * Asks the model to continue {@code messages}. While tokens arrive, {@code textSoFar} receives the whole
     * answer so far (so a retried attempt simply starts over).
     */
    @Retry(maxRetries = 2, delay = 300, jitter = 200, retryOn = LlmUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.8, delay = 20_000,
            failOn = LlmUnavailableException.class)
    public Completion complete(List<ChatTurn> messages, Consumer<String> textSoFar) {
        long started = System.nanoTime();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(trimSlash(config.baseUrl()) + "/chat/completions"))
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream, application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(messages)));
        config.apiKey().filter(key -> !key.isBlank()).ifPresent(key -> builder.header("Authorization", "Bearer " + key));
        HttpRequest request = builder.build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new LlmUnavailableException("model server " + config.baseUrl() + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmUnavailableException("interrupted while calling the model server", e);
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        Duration left = config.timeout().minusNanos(System.nanoTime() - started);
        try (InputStream body = response.body()) {
            ScheduledFuture<?> deadline = deadlines.schedule(() -> {
                timedOut.set(true);
                closeQuietly(body);
            }, Math.max(1, left.toMillis()), TimeUnit.MILLISECONDS);
            try {
                checkStatus(response.statusCode(), body);
                boolean eventStream = response.headers().firstValue("Content-Type").orElse("")
                        .startsWith("text/event-stream");
                return eventStream ? readStream(body, started, textSoFar) : readWhole(body, started, textSoFar);
            } finally {
                deadline.cancel(false);
            }
        } catch (IOException e) {
            if (timedOut.get()) {
                throw new LlmUnavailableException("model did not finish within " + config.timeout().toSeconds() + " s", e);
            }
            throw new LlmUnavailableException("the model server's answer broke off: " + e.getMessage(), e);
        }
    }

    private String body(List<ChatTurn> messages) {
        ObjectNode body = json.createObjectNode()
                .put("model", config.model())
                .put("stream", true)
                .put("max_tokens", config.maxTokens())
                .put("temperature", config.temperature());
        body.set("messages", json.valueToTree(messages));
        body.putObject("stream_options").put("include_usage", true);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void checkStatus(int status, InputStream body) throws IOException {
        if (status == 200) {
            return;
        }
        String detail = new String(body.readNBytes(2000), StandardCharsets.UTF_8);
        String message = "model server answered HTTP " + status + ": " + errorMessage(detail);
        if (status == 408 || status == 429 || status >= 500) {
            throw new LlmUnavailableException(message, null);
        }
        throw new LlmResponseException(message);
    }

    private String errorMessage(String body) {
        try {
            JsonNode error = json.readTree(body).path("error");
            String message = error.isTextual() ? error.asText() : error.path("message").asText("");
            return message.isEmpty() ? body.strip() : message;
        } catch (IOException notJson) {
            return body.strip();
        }
    }

    private Completion readStream(InputStream body, long started, Consumer<String> textSoFar) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        StringBuilder text = new StringBuilder();
        Duration firstToken = null;
        String model = config.model();
        int promptTokens = -1;
        int completionTokens = -1;
        boolean done = false;
        String line;
        while ((line = reader.readLine()) != null) {
            if (!line.startsWith("data:")) {
                continue; // blank separators, ":" keep-alive comments, event/id fields
            }
            String data = line.substring(5).strip();
            if ("[DONE]".equals(data)) {
                done = true;
                break;
            }
            JsonNode chunk = parse(data);
            if (chunk.has("error")) {
                throw new LlmUnavailableException("model server reported an error mid-stream: "
                        + errorMessage(data), null);
            }
            model = chunk.path("model").asText(model);
            JsonNode usage = chunk.path("usage");
            if (usage.isObject()) {
                promptTokens = usage.path("prompt_tokens").asInt(-1);
                completionTokens = usage.path("completion_tokens").asInt(-1);
            }
            String piece = chunk.path("choices").path(0).path("delta").path("content").asText("");
            if (!piece.isEmpty()) {
                if (firstToken == null) {
                    firstToken = Duration.ofNanos(System.nanoTime() - started);
                }
                text.append(piece);
                textSoFar.accept(text.toString());
            }
        }
        if (!done) {
            throw new LlmUnavailableException("the model's stream ended before [DONE]", null);
        }
        Duration total = Duration.ofNanos(System.nanoTime() - started);
        return new Completion(text.toString(), model, promptTokens, completionTokens,
                firstToken == null ? total : firstToken, total);
    }

    private Completion readWhole(InputStream body, long started, Consumer<String> textSoFar) throws IOException {
        JsonNode completion = parse(new String(body.readAllBytes(), StandardCharsets.UTF_8));
        JsonNode content = completion.path("choices").path(0).path("message").path("content");
        if (!content.isTextual()) {
            throw new LlmResponseException("model server answer has no choices[0].message.content");
        }
        textSoFar.accept(content.asText());
        Duration total = Duration.ofNanos(System.nanoTime() - started);
        JsonNode usage = completion.path("usage");
        return new Completion(content.asText(), completion.path("model").asText(config.model()),
                usage.path("prompt_tokens").asInt(-1), usage.path("completion_tokens").asInt(-1), total, total);
    }

    private JsonNode parse(String data) {
        try {
            JsonNode node = json.readTree(data);
            if (node == null || !node.isObject()) {
                throw new LlmResponseException("model server sent something that is not a JSON object: " + abbreviate(data));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new LlmResponseException("model server sent something that is not the OpenAI wire format: "
                    + abbreviate(data), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is how the deadline interrupts a stalled read; a failure here changes nothing
        }
    }

    @PreDestroy
    void stop() {
        deadlines.shutdownNow();
    }
}
