package io.acore.testkit.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import io.acore.devstack.StubLlmServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a test makes the stub model do besides answering: fail the next requests with HTTP 500, answer them with
 * something that is not the wire format or only after a long pause, and remember every chat request it received.
 */
public final class ModelScript extends Filter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToServe = new AtomicInteger();
    private final AtomicInteger garbageToServe = new AtomicInteger();
    private final AtomicInteger busyToServe = new AtomicInteger();
    private volatile String failingModel = "";
    private final AtomicInteger stallsToServe = new AtomicInteger();
    private volatile Duration stall = Duration.ZERO;

    /** The next {@code count} chat requests answer HTTP 500. */
    public void failNext(int count) {
        failuresToServe.set(count);
    }

    /** Every chat request for {@code model} answers HTTP 500, until it is called with another name (or ""). */
    public void failModel(String model) {
        failingModel = model;
    }

    /** The next {@code count} chat requests answer 503 "server busy", as Ollama does when its queue is full. */
    public void busyNext(int count) {
        busyToServe.set(count);
    }

    /** The next {@code count} chat requests answer 200 with a body that is not the wire format. */
    public void garbageNext(int count) {
        garbageToServe.set(count);
    }

    /** The next {@code count} chat requests are answered only after {@code pause}, as by a model that stalls. */
    public void stallNext(int count, Duration pause) {
        stall = pause;
        stallsToServe.set(count);
    }

    /** Every chat request body received, oldest first. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** The chat requests of one kind (a reply, a summary, a fact extraction), oldest first. */
    public List<JsonNode> requests(StubLlmServer.RequestKind kind) {
        return requests.stream().filter(request -> StubLlmServer.RequestKind.of(request) == kind).toList();
    }

    /** The prompts the model received to answer {@code message}: reply requests whose last user turn ends with it. */
    public List<JsonNode> promptsFor(String message) {
        return requests(StubLlmServer.RequestKind.REPLY).stream()
                .filter(request -> lastUserTurn(request).endsWith(message)).toList();
    }

    /** The last user turn of a chat request. */
    public static String lastUserTurn(JsonNode request) {
        String last = "";
        for (JsonNode turn : request.path("messages")) {
            if (turn.path("role").asText().equals("user")) {
                last = turn.path("content").asText();
            }
        }
        return last;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        try {
            requests.add(JSON.readTree(body));
        } catch (IOException notJson) {
            // the stub itself answers 400 to that
        }
        if (takeOne(failuresToServe) || !failingModel.isEmpty() && failingModel.equals(modelOf(body))) {
            StubLlmServer.respond(exchange, 500, "application/json", "{\"error\":{\"message\":\"stub failure requested by the test\"}}");
        } else if (takeOne(busyToServe)) {
            StubLlmServer.respond(exchange, 503, "application/json",
                    "{\"error\":\"server busy, please try again. maximum pending requests exceeded\"}");
        } else if (takeOne(garbageToServe)) {
            StubLlmServer.respond(exchange, 200, "text/plain", "<html>not a completion</html>");
        } else {
            if (takeOne(stallsToServe)) {
                pause(stall);
            }
            exchange.setStreams(new ByteArrayInputStream(body), null);
            chain.doFilter(exchange);
        }
    }

    @Override
    public String description() {
        return "failures, garbage and request log scripted by a test";
    }

    private static String modelOf(byte[] body) {
        try {
            return JSON.readTree(body).path("model").asText("");
        } catch (IOException notJson) {
            return "";
        }
    }

    private static boolean takeOne(AtomicInteger counter) {
        return counter.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
