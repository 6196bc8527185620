package io.acore.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import io.acore.devstack.DevStack;
import io.acore.devstack.StackConfig;
import io.acore.devstack.StubLlmServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Recall quality as a user feels it: long conversations between two people are replayed through the web chat API
 * (the two speakers are users no persona answers), then a third user asks questions in the same channel whose
 * answers sit in single earlier turns. For each question, the prompt the model receives is read back from the stub
 * model, and the turns holding the answer (the question's evidence) are looked for in it. Reports the share of
 * evidence turns that reached the prompt, and the most items recalled into one prompt.
 *
 * <p>Dataset (JSON, {@code RECALL_DATASET}): {@code {"conversations":[{"id","turns":[{"id","speaker","text"}],
 * "questions":[{"question","evidence":[turn ids]}]}]}}.
 */
public final class RecallEval {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ASKER = "asker";
    private static final boolean VERBOSE = System.getenv("RECALL_VERBOSE") != null;
    private static final String SUMMARY = "## Summary of this conversation so far";

    private RecallEval() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getenv().getOrDefault("ACORE_HOME", ".")).toAbsolutePath().normalize();
        Path dataset = root.resolve(System.getenv().getOrDefault("RECALL_DATASET", "bench/recall/conversations.json"));
        JsonNode conversations = JSON.readTree(dataset.toFile()).path("conversations");
        Set<String> speakers = new LinkedHashSet<>();
        conversations.forEach(c -> c.path("turns").forEach(t -> speakers.add("web:" + t.path("speaker").asText())));

        List<JsonNode> prompts = new CopyOnWriteArrayList<>();
        try (StubLlmServer model = StubLlmServer.start(0, Duration.ZERO, recording(prompts));
                DevStack stack = DevStack.start(new StackConfig(root, StackConfig.freePorts(), 0, 0, null,
                        model.baseUrl(), Duration.ZERO, Map.of(
                                "ACORE_LLM_MODEL", StubLlmServer.MODEL,
                                "ACORE_GATEWAY_MESSAGES_PER_MINUTE", "1000000",
                                "ACORE_PERSONA_IGNORED_USERS", String.join(",", speakers)),
                        root.resolve("bench/target/logs")), System.out)) {
            String gateway = stack.serviceUrl(StackConfig.GATEWAY);
            String memory = stack.serviceUrl(StackConfig.MEMORY);
            int evidence = 0;
            int found = 0;
            int mostRecalled = 0;
            for (JsonNode conversation : conversations) {
                String channel = "recall-" + conversation.path("id").asText();
                Map<String, String> textOf = replay(gateway, stack, channel, conversation.path("turns"));
                awaitEmbeddings(memory);
                int evidenceBefore = evidence;
                int foundBefore = found;
                for (JsonNode question : conversation.path("questions")) {
                    String asked = question.path("question").asText();
                    JsonNode prompt = ask(gateway, channel, asked, prompts);
                    String seen = promptText(prompt);
                    int recalled = recalledItems(seen);
                    mostRecalled = Math.max(mostRecalled, recalled);
                    List<String> missed = new ArrayList<>();
                    for (JsonNode id : question.path("evidence")) {
                        evidence++;
                        if (seen.contains(quoted(textOf.get(id.asText())))) {
                            found++;
                        } else {
                            missed.add(id.asText());
                        }
                    }
                    System.out.printf("recall | %s | %s | %d recalled | missed %s%n", channel, asked, recalled, missed);
                    if (VERBOSE && !missed.isEmpty()) {
                        System.out.println(recalledBlock(seen));
                    }
                }
                System.out.printf("recall | %s: %d of %d evidence turns in the prompt%n", channel,
                        found - foundBefore, evidence - evidenceBefore);
            }
            System.out.printf("recall | evidence turns in the prompt: %d of %d (%.1f %%); most items recalled into"
                    + " one prompt: %d%n", found, evidence, 100.0 * found / Math.max(1, evidence), mostRecalled);
        }
    }

    /** Posts every turn as its speaker; returns each turn's text by id once memory has stored the last one. */
    private static Map<String, String> replay(String gateway, DevStack stack, String channel, JsonNode turns)
            throws Exception {
        Map<String, String> textOf = new HashMap<>();
        String lastId = null;
        for (JsonNode turn : turns) {
            textOf.put(turn.path("id").asText(), turn.path("text").asText());
            lastId = post(gateway, channel, turn.path("speaker").asText(), turn.path("text").asText());
        }
        Instant until = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(until) && !HTTP.send(stack.memoryRequest("/api/conversations/web:" + channel
                + "/messages?limit=1").build(), HttpResponse.BodyHandlers.ofString()).body().contains(lastId)) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        System.out.printf("recall | %s: %d turns replayed%n", channel, turns.size());
        return textOf;
    }

    private static void awaitEmbeddings(String memory) throws Exception {
        Instant until = Instant.now().plusSeconds(300);
        while (Instant.now().isBefore(until)
                && !get(memory + "/q/metrics").contains("acore_memory_embedding_backlog 0.0")) {
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    /** Asks the question and returns the model request that answered it. */
    private static JsonNode ask(String gateway, String channel, String question, List<JsonNode> prompts)
            throws Exception {
        post(gateway, channel, ASKER, "Sable, " + question);
        Instant until = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(until)) {
            for (JsonNode prompt : prompts) {
                for (JsonNode message : prompt.path("messages")) {
                    if (message.path("role").asText().equals("user") && message.path("content").asText()
                            .endsWith(ASKER + ": Sable, " + question)) {
                        return prompt;
                    }
                }
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("no model request for: " + question);
    }

    /**
     * Every text of the request, as one string: the system prompt (with memory's block) and the turns, but not the
     * summary: the stub model's summaries quote the turns' first words, which a real model's would not.
     */
    private static String promptText(JsonNode prompt) {
        StringBuilder text = new StringBuilder();
        prompt.path("messages").forEach(m -> text.append(m.path("content").asText()).append('\n'));
        int summary = text.indexOf(SUMMARY);
        if (summary >= 0) {
            int next = text.indexOf("\n## ", summary + SUMMARY.length());
            text.delete(summary, next < 0 ? text.indexOf("</memory>", summary) : next);
        }
        return text.toString();
    }

    private static String recalledBlock(String prompt) {
        int start = prompt.indexOf("## Earlier messages that may matter now");
        return start < 0 ? "(nothing recalled)" : prompt.substring(start);
    }

    private static int recalledItems(String prompt) {
        int start = prompt.indexOf("## Earlier messages that may matter now");
        if (start < 0) {
            return 0;
        }
        int end = prompt.indexOf("</memory>", start);
        return (int) prompt.substring(start, end < 0 ? prompt.length() : end).lines()
                .filter(line -> line.startsWith("- [")).count();
    }

    /** How a turn's text appears in a prompt: verbatim in history; in memory's block, quoted with ' for ". */
    private static String quoted(String text) {
        String line = text.replace('"', '\'').replaceAll("\\s+", " ").strip();
        return line.length() > 60 ? line.substring(0, 60) : line;
    }

    private static Filter recording(List<JsonNode> prompts) {
        return new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                byte[] body = exchange.getRequestBody().readAllBytes();
                JsonNode request = JSON.readTree(body);
                if (request != null && !request.path("messages").path(0).path("content").asText().startsWith("acore:")) {
                    prompts.add(request);
                }
                exchange.setStreams(new ByteArrayInputStream(body), null);
                chain.doFilter(exchange);
            }

            @Override
            public String description() {
                return "records every chat request";
            }
        };
    }

    private static String post(String gateway, String channel, String user, String content) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/chat/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("channel", channel, "user", user, "content", content)))).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("the chat API answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("id").asText();
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
