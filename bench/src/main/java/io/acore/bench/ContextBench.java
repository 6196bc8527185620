package io.acore.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;
import io.acore.devstack.DevStack;
import io.acore.devstack.StackConfig;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The context call persona-service makes before every answer, measured over a large memory: memory-service alone
 * (beside the broker and the database) with a million stored turns across ten thousand users, loaded straight
 * into its schema with real e5-small-v2 embeddings (the model memory-service uses, each phrase marked as a passage as
 * it marks them), then asked for context as persona-service asks for it.
 * Also measures how fast this machine computes embeddings, per core.
 */
public final class ContextBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How memory-service marks what it stores for the model. */
    private static final String PASSAGE = "passage: ";
    /** How long the messages of the last phase are: most of what Discord lets a member send (2,000). */
    private static final int LONG_MESSAGE = 1_500;
    /** HTTP/1.1, as persona-service's REST client speaks to memory-service (this client would otherwise ask for h2c). */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ContextBench() {
    }

    public static void main(String[] args) throws Exception {
        Corpus corpus = new Corpus(Bench.setting("BENCH_CONTEXT_USERS", 10_000),
                Bench.setting("BENCH_CONTEXT_MESSAGES", 1_000_000), Bench.setting("BENCH_CONTEXT_GUILDS", 100));
        int calls = Bench.setting("BENCH_CONTEXT_CALLS", 5_000);
        int clients = Bench.setting("BENCH_CONTEXT_CLIENTS", 4);
        int longCalls = Bench.setting("BENCH_CONTEXT_LONG_CALLS", 200);

        ExecutorService embedding = Executors.newSingleThreadExecutor();
        float[][] vectors = embeddingThroughput(new E5SmallV2QuantizedEmbeddingModel(embedding), corpus.phrases());
        embedding.shutdown(); // its thread would keep the JVM running after the benchmark

        Path root = Path.of(System.getenv().getOrDefault("ACORE_HOME", ".")).toAbsolutePath().normalize();
        try (DevStack stack = DevStack.start(new StackConfig(root, StackConfig.memoryOnly(), 0, 0, null, null,
                Duration.ZERO, otherDatabase(), root.resolve("bench/target/logs")), System.out)) {
            long loading = System.nanoTime();
            corpus.load(stack, vectors);
            System.out.printf("bench | context: loaded %,d turns, their embeddings, %,d facts and %,d summaries in"
                            + " %d s%n", corpus.messages(), corpus.facts(), corpus.conversations(),
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - loading));

            List<Corpus.Asking> firstPerScope = corpus.oneAskingPerScope();
            List<Long> cold = new ArrayList<>();
            for (Corpus.Asking asking : firstPerScope) {
                cold.add(call(stack, asking).micros());
            }
            System.out.printf("bench | context: first call per scope (its vectors loaded into memory): %s (n=%d);"
                    + " memory-service heap in use %d MB%n", micros(cold), cold.size(),
                    heapInUse(stack.serviceUrl(StackConfig.MEMORY)) >> 20);
            long indexing = System.nanoTime();
            String memory = stack.serviceUrl(StackConfig.MEMORY);
            while (metric(memory, "acore_memory_recall_indexed_total") < corpus.messages()
                    || metric(memory, "acore_memory_recall_catching_up") > 0) {
                Thread.sleep(500);
            }
            System.out.printf("bench | context: every scope's search index complete and merged %d s after the first calls;"
                    + " memory-service heap in use %d MB, resident %d MB%n",
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - indexing),
                    heapInUse(stack.serviceUrl(StackConfig.MEMORY)) >> 20,
                    stack.service(StackConfig.MEMORY).residentBytes() >> 20);

            Random random = new Random(7);
            List<Result> sequential = new ArrayList<>();
            Means before = Means.of(memory);
            for (int i = 0; i < calls; i++) {
                sequential.add(call(stack, corpus.randomAsking(random)));
            }
            reportPhase("one client", sequential, memory, before);

            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<List<Result>>> running = new ArrayList<>();
            before = Means.of(memory);
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                Random own = new Random(100 + c);
                running.add(pool.submit(() -> {
                    List<Result> results = new ArrayList<>();
                    for (int i = 0; i < calls / clients; i++) {
                        results.add(call(stack, corpus.randomAsking(own)));
                    }
                    return results;
                }));
            }
            List<Result> concurrent = new ArrayList<>();
            for (Future<List<Result>> results : running) {
                concurrent.addAll(results.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            reportPhase(clients + " clients at once (" + Math.round(concurrent.size() / seconds) + " calls/s)",
                    concurrent, memory, before);

            // last, so that the phases above compare with earlier runs
            List<Result> lengthy = new ArrayList<>();
            before = Means.of(memory);
            for (int i = 0; i < longCalls; i++) {
                lengthy.add(call(stack, corpus.randomLongAsking(random, LONG_MESSAGE)));
            }
            reportPhase(String.format("one client, %,d-character messages", LONG_MESSAGE), lengthy, memory, before);
            System.out.printf("bench | context: memory-service resident at the end %d MB%n",
                    stack.service(StackConfig.MEMORY).residentBytes() >> 20);
        }
    }

    /** {@code BENCH_DB_URL} (with {@code BENCH_DB_USER}, {@code BENCH_DB_PASSWORD}): an empty database to use. */
    private static Map<String, String> otherDatabase() {
        String url = System.getenv("BENCH_DB_URL");
        if (url == null || url.isBlank()) {
            return Map.of();
        }
        return Map.of("ACORE_DB_URL", url, "ACORE_DB_USER", System.getenv().getOrDefault("BENCH_DB_USER", "postgres"),
                "ACORE_DB_PASSWORD", System.getenv().getOrDefault("BENCH_DB_PASSWORD", ""));
    }

    /** Embeds the phrases one at a time on one thread, then in batches, and reports CPU time per embedding. */
    private static float[][] embeddingThroughput(EmbeddingModel model, List<String> phrases) {
        model.embed("warm up the model");
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int single = Math.min(500, phrases.size());
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < single; i++) {
            model.embed(PASSAGE + phrases.get(i));
        }
        printThroughput("one at a time", single, System.nanoTime() - wall, os.getProcessCpuTime() - cpu);

        cpu = os.getProcessCpuTime();
        wall = System.nanoTime();
        float[][] vectors = new float[phrases.size()][];
        for (int from = 0; from < phrases.size(); from += 64) {
            List<TextSegment> batch = phrases.subList(from, Math.min(phrases.size(), from + 64)).stream()
                    .map(phrase -> TextSegment.from(PASSAGE + phrase)).toList();
            var embedded = model.embedAll(batch).content();
            for (int i = 0; i < embedded.size(); i++) {
                vectors[from + i] = unit(embedded.get(i).vector());
            }
        }
        printThroughput("in batches of 64", phrases.size(), System.nanoTime() - wall, os.getProcessCpuTime() - cpu);
        return vectors;
    }

    private static void printThroughput(String how, int count, long wallNanos, long cpuNanos) {
        System.out.printf("bench | embeddings, %s: %d in %.1f s wall (%.0f/s), %.1f s CPU: %.0f per CPU-second"
                        + " (%.1f ms CPU each)%n", how, count, wallNanos / 1e9, count / (wallNanos / 1e9),
                cpuNanos / 1e9, count / (cpuNanos / 1e9), cpuNanos / 1e6 / count);
    }

    private static float[] unit(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        float[] scaled = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            scaled[i] = (float) (vector[i] / Math.sqrt(norm));
        }
        return scaled;
    }

    /**
     * A phase's figures: at the client, memory-service's own percentiles of the call and its parts, and the phase's
     * means at the client, in the HTTP server and in the work ({@code before}: the means when the phase began).
     */
    private static void reportPhase(String how, List<Result> results, String memory, Means before) throws Exception {
        report(how, results);
        printServerSide(memory);
        Means.of(memory).printSince(before, results);
    }

    /** memory-service's own timing of the call and its parts (recent minutes), from its metrics. */
    static void printServerSide(String service) throws Exception {
        StringBuilder line = new StringBuilder("bench | context, measured in memory-service (seconds):");
        metricLines(service)
                .filter(metric -> metric.startsWith("acore_memory_context_seconds{") && metric.contains("quantile"))
                .forEach(metric -> line.append(' ').append(metric.replaceAll("acore_memory_context_seconds\\{", "{")));
        System.out.println(line);
    }

    /**
     * memory-service's running totals of the context call's time: as its HTTP server saw the call (from the request
     * read to the response written) and as the call's own work took it (step "all"). Their change over a phase, set
     * beside the client's mean, says where the time between the client and the work goes.
     */
    private record Means(double httpSeconds, long httpCalls, double workSeconds, long workCalls) {
        private static final String HTTP_SERIES = "http_server_requests_seconds_%s{method=\"POST\"";
        private static final String WORK_SERIES = "acore_memory_context_seconds_%s{step=\"all\"";

        static Means of(String service) throws Exception {
            // the HTTP server's series of the context call alone, and the work's step "all"
            List<String> lines = metricLines(service)
                    .filter(line -> line.contains("/api/context") || line.contains("step=\"all\"")).toList();
            return new Means(summed(lines, HTTP_SERIES, "sum"), (long) summed(lines, HTTP_SERIES, "count"),
                    summed(lines, WORK_SERIES, "sum"), (long) summed(lines, WORK_SERIES, "count"));
        }

        private static double summed(List<String> lines, String series, String part) {
            String prefix = String.format(series, part);
            return lines.stream().filter(line -> line.startsWith(prefix)).mapToDouble(ContextBench::value).sum();
        }

        void printSince(Means before, List<Result> results) {
            double client = results.stream().mapToLong(Result::micros).average().orElse(0) / 1000.0;
            double http = 1000 * (httpSeconds - before.httpSeconds) / Math.max(1, httpCalls - before.httpCalls);
            double work = 1000 * (workSeconds - before.workSeconds) / Math.max(1, workCalls - before.workCalls);
            System.out.printf("bench | context, means: %.2f ms at the client, %.2f ms in memory-service's HTTP server, "
                    + "%.2f ms in the call's work%n", client, http, work);
        }
    }

    /** What memory-service's heap holds, from its metrics (live objects and garbage not yet collected). */
    private static long heapInUse(String service) throws Exception {
        return metricLines(service)
                .filter(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
                .mapToLong(line -> (long) value(line)).sum();
    }

    /**
     * A metric of memory-service summed over its series, e.g. how many embeddings it has added to its search indexes
     * since it started, or how many scopes' backlogs it is still reading.
     */
    static long metric(String service, String name) throws Exception {
        return metricLines(service)
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToLong(line -> (long) value(line)).sum();
    }

    /** memory-service's metrics as it serves them, one series per line. */
    private static Stream<String> metricLines(String service) throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create(service + "/q/metrics")).build();
        return HTTP.send(get, HttpResponse.BodyHandlers.ofString()).body().lines();
    }

    /** A series' value: the line's last field. */
    private static double value(String metricLine) {
        return Double.parseDouble(metricLine.substring(metricLine.lastIndexOf(' ') + 1));
    }


    private record Result(long micros, int recalls) {
    }

    private static Result call(DevStack stack, Corpus.Asking asking) throws Exception {
        String body = JSON.writeValueAsString(Map.of("conversationId", asking.conversation(), "personaId", "sable",
                "userId", asking.user(), "messageId", UUID.randomUUID().toString(), "message", asking.question(),
                "recentTurns", 20, "recentTokens", 3000));
        HttpRequest post = stack.memoryRequest("/api/context").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        HttpResponse<String> response = HTTP.send(post, HttpResponse.BodyHandlers.ofString());
        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("context call answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode context = JSON.readTree(response.body());
        return new Result(micros, context.path("recalls").size());
    }

    private static void report(String how, List<Result> results) {
        double recalls = results.stream().mapToInt(Result::recalls).average().orElse(0);
        System.out.printf("bench | context, %s: %s (n=%d), %.1f recalls per call%n", how,
                micros(results.stream().map(Result::micros).toList()), results.size(), recalls);
    }

    private static String micros(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms", at(sorted, 0.50), at(sorted, 0.95),
                at(sorted, 0.99), sorted.get(sorted.size() - 1) / 1000.0);
    }

    private static double at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1000.0;
    }
}
