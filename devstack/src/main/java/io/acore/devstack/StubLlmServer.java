package io.acore.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A stand-in for a model server: OpenAI-compatible ({@code POST /v1/chat/completions}, plain and SSE streaming,
 * {@code GET /v1/models}) and Ollama's native {@code POST /api/chat} (NDJSON streaming, or whole). Every answer starts
 * with {@link #MARK} so nobody mistakes it for a real model. It
 * echoes the last user message, says how many earlier turns it was given and what the prompt's memory block
 * holds (its sections and the first recalled item), which lets tests and {@code ./acore up} see the prompt.
 */
public final class StubLlmServer implements AutoCloseable {
    public static final String MARK = "[stub model]";
    public static final String MODEL = "acore-stub";
    /**
     * How memory's summary instructions begin (the instruction a real model reads; no marker is added for the stub):
     * the stub answers them with a summary of its own making.
     */
    public static final String SUMMARISE = "You keep the running summary of a chat.";
    /** How memory's fact extraction instructions begin: the stub answers with what a few plain patterns find. */
    public static final String EXTRACT_FACTS = "You read chat messages one speaker wrote";
    private static final String OBJECT = "([\\p{L}\\p{N}' -]{1,40}?)\\s*(?:[.,!?;]|$| and | but )";
    private static final List<FactPattern> FACT_PATTERNS = List.of(
            new FactPattern("(?i)\\bI (?:no longer|don't|do not) (?:like|love|enjoy) " + OBJECT, "interest", "likes %s", "likes %s", true),
            new FactPattern("(?i)\\bmy name is " + OBJECT, "fact", "name", "is called %s", false),
            new FactPattern("(?i)\\bI live in " + OBJECT, "fact", "home", "lives in %s", false),
            new FactPattern("(?i)\\bI work as an? " + OBJECT, "fact", "job", "works as a %s", false),
            new FactPattern("(?i)\\bI (?:like|love|enjoy) " + OBJECT, "interest", "likes %s", "likes %s", false),
            new FactPattern("(?i)\\bI prefer " + OBJECT, "preference", "prefers", "prefers %s", false),
            new FactPattern("(?i)\\bI(?: am|'m) (?:very |quite |rather )?(shy|patient|curious|impatient|cheerful|grumpy|"
                    + "tired|left-handed|vegetarian|vegan)\\b", "trait", "is %s", "is %s", false));

    /** Words the stub takes for a speaker treating the one they talk to coldly, or warmly (else: friendly). */
    private static final Pattern COLD = Pattern.compile("(?i)\\b(hate you|stupid|shut up|idiot|useless|go away)\\b");
    private static final Pattern WARM = Pattern.compile("(?i)\\b(thanks?|thank you|love|wonderful|you're the best|"
            + "my friend|kind of you)\\b");

    /** Role-play's convention for what a character does: the stub takes a message with one as said in character. */
    private static final Pattern ROLE_PLAY = Pattern.compile("\\*[^*\\s][^*]*\\*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stub-llm");
        t.setDaemon(true);
        return t;
    });
    private final Duration latency;
    private final Duration chunkDelay = Duration.ofMillis(5);
    private volatile Function<String, String> replies = message -> null;

    private StubLlmServer(HttpServer server, Duration latency) {
        this.server = server;
        this.latency = latency;
    }

    /**
     * Starts on {@code port} (0 picks a free one); {@code latency} passes before the first token. Each of
     * {@code filters} sees every chat request (both wire formats) before the stub answers it, and may answer it
     * itself.
     */
    public static StubLlmServer start(int port, Duration latency, Filter... filters) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("localhost", port), 128);
        StubLlmServer stub = new StubLlmServer(http, latency);
        http.createContext("/v1/chat/completions", stub::chatCompletions).getFilters().addAll(List.of(filters));
        http.createContext("/v1/models", stub::models);
        http.createContext("/api/chat", stub::ollamaChat).getFilters().addAll(List.of(filters));
        http.setExecutor(stub.executor);
        http.start();
        return stub;
    }

    /**
     * Replies, after {@link #MARK}, with what {@code reply} gives for the message a reply is asked for (the last user
     * turn), instead of telling back what it was shown; {@code null} from it leaves that message to the usual answer.
     */
    public void replyWith(Function<String, String> reply) {
        this.replies = reply;
    }

    /**
     * Whether {@code answer}, written by this stub, answers a message with {@code text} — rather than mentioning it
     * as a recalled item, where it stands in single quotes.
     */
    public static boolean answers(String answer, String text) {
        return answer.contains(text + "\" (");
    }

    /** What a chat request (either wire format) is for: memory's summaries, its fact extraction, or a reply. */
    public enum RequestKind {
        SUMMARY, FACTS, REPLY;

        public static RequestKind of(JsonNode request) {
            String first = request.path("messages").path(0).path("content").asText("");
            return first.startsWith(SUMMARISE) ? SUMMARY : first.startsWith(EXTRACT_FACTS) ? FACTS : REPLY;
        }
    }

    /** The base URL clients configure, ending in {@code /v1}. */
    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort() + "/v1";
    }

    private void models(HttpExchange exchange) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("object", "list");
        body.putArray("data").addObject().put("id", MODEL).put("object", "model").put("owned_by", "acore");
        respond(exchange, 200, "application/json", JSON.writeValueAsBytes(body));
    }

    private void chatCompletions(HttpExchange exchange) throws IOException {
        answer(exchange, this::openAiAnswer);
    }

    private void ollamaChat(HttpExchange exchange) throws IOException {
        answer(exchange, this::ollamaAnswer);
    }

    private interface Answerer {
        void answer(HttpExchange exchange, JsonNode request, String answer) throws IOException;
    }

    private void answer(HttpExchange exchange, Answerer answerer) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "application/json", error("use POST"));
                return;
            }
            JsonNode request;
            try {
                request = JSON.readTree(exchange.getRequestBody());
            } catch (IOException e) {
                respond(exchange, 400, "application/json", error("request body is not JSON"));
                return;
            }
            if (request == null || !request.path("messages").isArray()) {
                respond(exchange, 400, "application/json", error("'messages' must be an array"));
                return;
            }
            pause(latency);
            String scripted = RequestKind.of(request) == RequestKind.REPLY
                    ? replies.apply(lastUser((ArrayNode) request.path("messages"))) : null;
            answerer.answer(exchange, request, scripted != null ? MARK + " " + scripted
                    : answerFor((ArrayNode) request.path("messages")));
        }
    }

    private void openAiAnswer(HttpExchange exchange, JsonNode request, String answer) throws IOException {
        String model = request.path("model").asText(MODEL);
        if (request.path("stream").asBoolean(false)) {
            stream(exchange, model, answer);
        } else {
            respond(exchange, 200, "application/json", JSON.writeValueAsBytes(completion(model, answer)));
        }
    }

    private void ollamaAnswer(HttpExchange exchange, JsonNode request, String answer) throws IOException {
        String model = request.path("model").asText(MODEL);
        if (!request.path("stream").asBoolean(true)) {
            ObjectNode whole = JSON.createObjectNode().put("model", model).put("done", true)
                    .put("done_reason", "stop").put("prompt_eval_count", request.path("messages").size())
                    .put("eval_count", words(answer).size());
            whole.putObject("message").put("role", "assistant").put("content", answer);
            respond(exchange, 200, "application/json; charset=utf-8", JSON.writeValueAsString(whole));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String piece : words(answer)) {
            ObjectNode line = JSON.createObjectNode().put("model", model).put("done", false);
            line.putObject("message").put("role", "assistant").put("content", piece);
            out.write((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            pause(chunkDelay);
        }
        ObjectNode last = JSON.createObjectNode().put("model", model).put("done", true).put("done_reason", "stop")
                .put("prompt_eval_count", request.path("messages").size()).put("eval_count", words(answer).size());
        last.putObject("message").put("role", "assistant").put("content", "");
        out.write((JSON.writeValueAsString(last) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static String answerFor(ArrayNode messages) {
        String system = messages.isEmpty() ? "" : messages.get(0).path("content").asText();
        if (system.startsWith(SUMMARISE)) {
            return summary(messages.get(messages.size() - 1).path("content").asText());
        }
        if (system.startsWith(EXTRACT_FACTS)) {
            return facts(messages.get(messages.size() - 1).path("content").asText());
        }
        int last = lastUserAt(messages);
        String lastUser = textAt(messages, last);
        int earlierTurns = 0;
        for (int i = 0; i < last; i++) {
            String role = messages.get(i).path("role").asText();
            if ("user".equals(role) || "assistant".equals(role)) {
                earlierTurns++;
            }
        }
        String echoed = lastUser.length() > 200 ? lastUser.substring(0, 200) + "…" : lastUser;
        return MARK + " I heard: \"" + echoed + "\" (" + earlierTurns + " earlier turns in context)"
                + remembered(messages);
    }

    private static String lastUser(ArrayNode messages) {
        return textAt(messages, lastUserAt(messages));
    }

    /** The text of the message at {@code at}; none when {@code at} is -1. */
    private static String textAt(ArrayNode messages, int at) {
        return at < 0 ? "" : messages.get(at).path("content").asText();
    }

    /** Where the last user turn stands among the messages; -1 when there is none. */
    private static int lastUserAt(ArrayNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A summary the way the stub makes one, as the JSON object memory asks for: the summary so far, then each turn's
     * author and first words; and the episode, the folded turns' alone, from their first day to their last. The input
     * is memory's ("Summary so far: …", then "Turns:", each day's turns after "On YYYY-MM-DD:", a
     * {@code "Name": "text"} line per turn).
     */
    private static String summary(String input) {
        String before = input.lines().findFirst().orElse("").replaceFirst("^Summary so far: ", "");
        StringBuilder told = new StringBuilder();
        List<String> days = new ArrayList<>();
        boolean turns = false;
        for (String line : input.lines().toList()) {
            if (turns && line.matches("On \\d{4}-\\d{2}-\\d{2}:")) {
                days.add(line.substring(3, 13));
            } else if (turns && line.contains(": ")) {
                List<String> words = List.of(said(line).split("\\s+"));
                told.append(' ').append(String.join(" ", words.subList(0, Math.min(14, words.size())))).append('.');
            }
            turns |= line.equals("Turns:");
        }
        String summary = MARK + " Summary." + (before.equals("(none yet)") ? "" : " "
                + before.replace(MARK + " Summary. ", "")) + told;
        String from = days.isEmpty() ? "" : " From " + days.get(0) + " to " + days.get(days.size() - 1) + ":";
        return JSON.createObjectNode()
                .put("summary", summary.length() <= 1_500 ? summary : summary.substring(0, 1_499) + "…")
                .put("episode", MARK + " Episode." + from + told).toString();
    }

    /** One plain pattern the stub's fact extraction knows: what it captures becomes the topic and content. */
    private record FactPattern(Pattern pattern, String kind, String topic, String content, boolean retracts) {
        FactPattern(String regex, String kind, String topic, String content, boolean retracts) {
            this(Pattern.compile(regex), kind, topic, content, retracts);
        }
    }

    /**
     * The stub's fact extraction: the input is memory's (what is known, "Speaker: …", then a "Message: …" line per
     * message, each a JSON string); a statement on a known topic is answered "add", which memory reads as the update it is.
     */
    private static String facts(String input) {
        String message = input.lines().filter(line -> line.startsWith("Message: "))
                .map(line -> unquoted(line.substring("Message: ".length()))).collect(Collectors.joining(". "));
        ArrayNode facts = JSON.createArrayNode();
        boolean inCharacter = ROLE_PLAY.matcher(message).find();
        String rest = message;
        for (FactPattern pattern : FACT_PATTERNS) {
            Matcher found = pattern.pattern().matcher(rest);
            while (found.find()) {
                String object = found.group(1).strip();
                facts.addObject().put("action", pattern.retracts() ? "invalidate" : "add")
                        .put("topic", String.format(pattern.topic(), object.toLowerCase(Locale.ROOT)))
                        .put("kind", pattern.kind()).put("content", String.format(pattern.content(), object))
                        .put("confidence", 0.9).put("in_character", inCharacter);
                rest = rest.replace(found.group(), " ");
                found = pattern.pattern().matcher(rest);
            }
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set("facts", facts);
        answer.put("warmth", COLD.matcher(message).find() ? -2 : WARM.matcher(message).find() ? 2 : 1);
        return answer.toString();
    }

    /** A JSON string as memory quotes what people wrote; the line itself when it is not one. */
    private static String unquoted(String text) {
        try {
            return JSON.readValue(text, String.class);
        } catch (IOException notQuoted) {
            return text;
        }
    }

    /** A summary input's {@code "Name": "text"} line as "Name: text". */
    private static String said(String line) {
        try {
            Map.Entry<String, JsonNode> turn = JSON.readTree("{" + line + "}").fields().next();
            return turn.getKey() + ": " + turn.getValue().asText();
        } catch (IOException | RuntimeException notQuoted) {
            return line;
        }
    }

    /** What the prompt's memory block holds, told back: its sections, and the first item recalled. */
    private static String remembered(ArrayNode messages) {
        String system = messages.isEmpty() ? "" : messages.get(0).path("content").asText();
        int open = system.indexOf("<memory>");
        if (open < 0) {
            return "";
        }
        List<String> lines = system.substring(open).lines().toList();
        List<String> sections = lines.stream().filter(line -> line.startsWith("## ")).map(line -> line.substring(3))
                .toList();
        int recalls = lines.indexOf("## Earlier messages that may matter now");
        String firstRecall = recalls >= 0 && recalls + 1 < lines.size() ? " First recalled: "
                + lines.get(recalls + 1).substring(2) : "";
        return " Memory: " + String.join("; ", sections) + "." + firstRecall;
    }

    private void stream(HttpExchange exchange, String model, String answer) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
        List<String> pieces = words(answer);
        for (int i = 0; i < pieces.size(); i++) {
            ObjectNode delta = JSON.createObjectNode();
            if (i == 0) {
                delta.put("role", "assistant");
            }
            delta.put("content", pieces.get(i));
            writeEvent(out, chunk(model, delta, null));
            pause(chunkDelay);
        }
        writeEvent(out, chunk(model, JSON.createObjectNode(), "stop"));
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static List<String> words(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                pieces.add(text.substring(start, i));
                start = i;
            }
        }
        return pieces;
    }

    private static void writeEvent(OutputStream out, ObjectNode data) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode chunk(String model, ObjectNode delta, String finishReason) {
        ObjectNode chunk = envelope(model, "chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finishReason);
        return chunk;
    }

    private static ObjectNode completion(String model, String answer) {
        ObjectNode body = envelope(model, "chat.completion");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", answer);
        int tokens = words(answer).size();
        body.putObject("usage").put("prompt_tokens", 0).put("completion_tokens", tokens).put("total_tokens", tokens);
        return body;
    }

    private static ObjectNode envelope(String model, String object) {
        return JSON.createObjectNode()
                .put("id", "chatcmpl-stub-" + System.nanoTime())
                .put("object", object)
                .put("created", System.currentTimeMillis() / 1000)
                .put("model", model);
    }

    private static byte[] error(String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", "stub_error");
        return JSON.writeValueAsBytes(body);
    }

    private static void pause(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Answers a request with {@code body}, what is left of the request's own body read first: for filters that answer
     * a chat request themselves (a failure, a full server, an outage) instead of the stub.
     */
    public static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        respond(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
