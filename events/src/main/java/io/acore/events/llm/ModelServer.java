package io.acore.events.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One model server, spoken to in its wire format ({@link OpenAiWireFormat} or {@link OllamaWireFormat}): one call,
 * streamed or answered whole, bounded by its deadline, which is kept by closing the response stream. Neither retried
 * nor guarded here: the services' beans around it declare that. {@link #stop()} it when done.
 */
public final class ModelServer {
    private final ModelEndpoint endpoint;
    private final ObjectMapper json;
    private final WireFormat format;
    private final HttpClient http;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "llm-deadline");
        t.setDaemon(true);
        return t;
    });

    public ModelServer(ModelEndpoint endpoint, Duration connectTimeout, ObjectMapper json) {
        this.endpoint = endpoint;
        this.json = json;
        this.format = endpoint.api() == LlmSettings.Api.OLLAMA ? new OllamaWireFormat(endpoint.model(), json)
                : new OpenAiWireFormat(endpoint.model(), json);
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    /**
     * Streams the model's answer to {@code messages}: while tokens arrive, {@code textSoFar} receives the whole
     * answer so far.
     */
    public Completion stream(List<ChatTurn> messages, CallOptions options, Consumer<String> textSoFar,
            Instant deadline) {
        return call(messages, options, true, textSoFar, deadline);
    }

    /** The model's whole answer to {@code messages}, asked for in one piece. */
    public Completion answer(List<ChatTurn> messages, CallOptions options, Instant deadline) {
        return call(messages, options, false, text -> { }, deadline);
    }

    private Completion call(List<ChatTurn> messages, CallOptions options, boolean streamed,
            Consumer<String> textSoFar, Instant deadline) {
        long started = System.nanoTime();
        Duration available = Duration.between(Instant.now(), deadline);
        if (available.isNegative() || available.isZero()) {
            throw deadlineExceeded(available, null);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(trimSlash(endpoint.baseUrl()) + format.path()))
                .timeout(available)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream, application/x-ndjson, application/json")
                .POST(HttpRequest.BodyPublishers.ofString(format.requestBody(messages, options, streamed).toString()));
        endpoint.apiKey().filter(key -> !key.isBlank()).ifPresent(key -> builder.header("Authorization", "Bearer " + key));
        HttpRequest request = builder.build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw deadlineExceeded(available, e);
        } catch (IOException e) {
            throw new LlmUnavailableException("model server " + endpoint.baseUrl() + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmUnavailableException("interrupted while calling the model server", e);
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        Duration left = Duration.between(Instant.now(), deadline);
        try (InputStream body = response.body()) {
            ScheduledFuture<?> closeAtDeadline = deadlines.schedule(() -> {
                timedOut.set(true);
                closeQuietly(body);
            }, Math.max(1, left.toMillis()), TimeUnit.MILLISECONDS);
            try {
                checkStatus(response, body);
                String contentType = response.headers().firstValue("Content-Type").orElse("");
                return format.streams(contentType, streamed) ? readStream(body, started, textSoFar)
                        : readWhole(body, started, textSoFar);
            } finally {
                closeAtDeadline.cancel(false);
            }
        } catch (IOException e) {
            if (timedOut.get()) {
                throw deadlineExceeded(available, e);
            }
            throw new LlmUnavailableException("the model server's answer broke off: " + e.getMessage(), e);
        }
    }

    private static LlmDeadlineException deadlineExceeded(Duration available, Throwable cause) {
        return new LlmDeadlineException(available.isNegative() || available.isZero()
                ? "the call's deadline had passed before the model was asked"
                : "model did not finish within the " + Math.max(1, available.toSeconds()) + " s left to the call",
                cause);
    }

    private void checkStatus(HttpResponse<InputStream> response, InputStream body) throws IOException {
        int status = response.statusCode();
        if (status == 200) {
            return;
        }
        String detail = new String(body.readNBytes(2000), StandardCharsets.UTF_8);
        String reason = WireJson.errorMessage(json, detail);
        String message = "model server answered HTTP " + status + ": " + reason;
        if (status == 429 || status == 503 && (response.headers().firstValue("Retry-After").isPresent()
                || reason.toLowerCase(java.util.Locale.ROOT).contains("busy"))) {
            throw new LlmBusyException(message);
        }
        if (status == 408 || status >= 500) {
            throw new LlmUnavailableException(message, null);
        }
        throw new LlmResponseException(message);
    }

    private Completion readStream(InputStream body, long started, Consumer<String> textSoFar) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        StringBuilder text = new StringBuilder();
        Duration firstToken = null;
        String model = endpoint.model();
        int promptTokens = -1;
        int completionTokens = -1;
        boolean done = false;
        String line;
        while (!done && (line = reader.readLine()) != null) {
            Chunk chunk = format.line(line);
            if (chunk == null) {
                continue;
            }
            done = chunk.done();
            model = chunk.model() == null ? model : chunk.model();
            promptTokens = chunk.promptTokens() < 0 ? promptTokens : chunk.promptTokens();
            completionTokens = chunk.completionTokens() < 0 ? completionTokens : chunk.completionTokens();
            if (!chunk.text().isEmpty()) {
                if (firstToken == null) {
                    firstToken = Duration.ofNanos(System.nanoTime() - started);
                }
                text.append(chunk.text());
                textSoFar.accept(text.toString());
            }
        }
        if (!done) {
            throw new LlmUnavailableException("the model's stream ended before it said it was done", null);
        }
        Duration total = Duration.ofNanos(System.nanoTime() - started);
        return new Completion(text.toString(), model, promptTokens, completionTokens,
                firstToken == null ? total : firstToken, total);
    }

    private Completion readWhole(InputStream body, long started, Consumer<String> textSoFar) throws IOException {
        Chunk whole = format.whole(new String(body.readAllBytes(), StandardCharsets.UTF_8));
        textSoFar.accept(whole.text());
        Duration total = Duration.ofNanos(System.nanoTime() - started);
        return new Completion(whole.text(), whole.model() == null ? endpoint.model() : whole.model(),
                whole.promptTokens(), whole.completionTokens(), total, total);
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

    public void stop() {
        deadlines.shutdownNow();
    }
}
