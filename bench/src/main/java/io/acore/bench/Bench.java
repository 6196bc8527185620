package io.acore.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acore.devstack.CompilerCpu;
import io.acore.devstack.DevStack;
import io.acore.devstack.ServiceProcess;
import io.acore.devstack.StackConfig;
import io.acore.devstack.StubLlmServer;
import io.acore.events.Stage;
import io.acore.events.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Measures reply latency on the running system, started as {@code ./acore up} starts it (services as separate
 * JVMs): many web conversations at once, each posting through the gateway and waiting for the persona's final
 * reply on the outbound topic, with a stub model that takes a fixed time per answer.
 */
public final class Bench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A longer run (a soak) prints each service's resident memory every this many bursts. */
    private static final int SOAK_REPORT_ROUNDS = 20;
    private static final String BENCH_JVM = "bench JVM (broker, stub model, load)";
    private static final String POSTGRES = "postgres ";
    private static final List<String> SERVICES = List.of(StackConfig.GATEWAY, StackConfig.PERSONA, StackConfig.MEMORY,
            StackConfig.ANALYTICS);

    private Bench() {
    }

    /**
     * What a run does: bursts of {@code conversations}, the model's latency, its room (0: unlimited), the gap, and
     * how many times it ends by timing each service's restart (0: never).
     */
    public record Settings(int conversations, int warmupRounds, int rounds, int modelMillis, int room, Duration gap,
            int restarts) {
        static Settings fromEnvironment() {
            return new Settings(setting("BENCH_CONVERSATIONS", 100), setting("BENCH_WARMUP_ROUNDS", 2),
                    setting("BENCH_ROUNDS", 5), setting("BENCH_MODEL_LATENCY_MS", 1000), setting("BENCH_MODEL_ROOM", 0),
                    Duration.ofMillis(setting("BENCH_BURST_GAP_MS", 2000)), setting("BENCH_RESTARTS", 1));
        }
    }

    /** p95 of reply latency over the model's latency, on the first burst after start and on the warm bursts. */
    public record Result(double firstP95PerModel, double warmP95PerModel, int mostInFlightWarm) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getenv().getOrDefault("ACORE_HOME", ".")).toAbsolutePath().normalize();
        run(root, Settings.fromEnvironment(), root.resolve("bench/target/logs"));
    }

    public static Result run(Path root, Settings settings, Path logs) throws Exception {
        int conversations = settings.conversations();
        int modelMillis = settings.modelMillis();
        System.out.printf("bench | %d conversations x %d rounds, %d ms apart, model latency %d ms%s%n", conversations,
                settings.rounds(), settings.gap().toMillis(), modelMillis, settings.room() == 0 ? ""
                        : ", model refuses (429) beyond " + settings.room() + " requests at once");
        ModelCapacity capacity = ModelCapacity.rateLimitedBeyond(settings.room());
        try (StubLlmServer model = StubLlmServer.start(0, Duration.ofMillis(modelMillis), capacity);
                DevStack stack = DevStack.start(new StackConfig(root, StackConfig.freePorts(), 0, 0, null,
                        model.baseUrl(), Duration.ZERO, Map.of("ACORE_GATEWAY_MESSAGES_PER_MINUTE", "1000000"),
                        logs), System.out);
                ReplyWatcher replies = new ReplyWatcher(stack)) {
            Bursts bursts = new Bursts(stack.serviceUrl(StackConfig.GATEWAY), replies, settings.gap());
            bursts.replyLatencies("warmup", 1, 1);
            capacity.resetMostInFlight();
            CpuReading beforeFirst = CpuReading.of(stack);
            Percentiles first = report("first burst after start", bursts.replyLatencies("first", conversations, 1),
                    modelMillis, capacity);
            printCpuPerMessage("first burst after start", beforeFirst, CpuReading.of(stack), conversations);
            bursts.replyLatencies("warmup", conversations, settings.warmupRounds());
            capacity.resetMostInFlight();
            CpuReading cpuBefore = CpuReading.of(stack);
            List<Sample> measured = new ArrayList<>();
            for (int done = 0; done < settings.rounds(); done += SOAK_REPORT_ROUNDS) {
                measured.addAll(bursts.replyLatencies("bench", conversations,
                        Math.min(SOAK_REPORT_ROUNDS, settings.rounds() - done)));
                if (settings.rounds() > SOAK_REPORT_ROUNDS) {
                    printResident(stack, "after " + measured.size() + " measured messages");
                }
            }
            Percentiles warm = report("warm bursts", measured, modelMillis, capacity);
            printCpuPerMessage("warm bursts", cpuBefore, CpuReading.of(stack), conversations * settings.rounds());
            printResident(stack, "after the bursts");
            ContextBench.printServerSide(stack.serviceUrl(StackConfig.MEMORY));
            if (settings.restarts() > 0) {
                printReadyAfterRestarts(stack, settings.restarts());
            }
            return new Result(first.p95() / (double) modelMillis, warm.p95() / (double) modelMillis,
                    capacity.mostInFlight());
        }
    }

    /**
     * Once memory-service has embedded what the bursts stored (it puts that off while replies are awaited), stops
     * each service in turn, as an orchestrator would, and starts it again beside the others, {@code times} times: the
     * time from its new JVM's start to its readiness probe answering 200, each time, then the median and the slowest.
     */
    private static void printReadyAfterRestarts(DevStack stack, int times) throws Exception {
        long start = System.nanoTime();
        String memory = stack.serviceUrl(StackConfig.MEMORY);
        while (ContextBench.metric(memory, "acore_memory_embedding_backlog") > 0
                && System.nanoTime() - start < Duration.ofMinutes(10).toNanos()) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        System.out.printf("bench | memory-service embedded what the bursts stored %.1f s after the last reply%n",
                (System.nanoTime() - start) / 1e9);
        Map<String, List<Long>> readyMillis = new LinkedHashMap<>();
        for (int time = 0; time < times; time++) {
            StringBuilder ready = new StringBuilder("bench | ready after a restart (JVM start to /q/health/ready 200):");
            for (String service : SERVICES) {
                ServiceProcess process = stack.service(service);
                process.close();
                long restarted = System.nanoTime();
                process.restart();
                process.awaitReady(Duration.ofMinutes(1));
                long millis = (System.nanoTime() - restarted) / 1_000_000;
                readyMillis.computeIfAbsent(service, name -> new ArrayList<>()).add(millis);
                ready.append(String.format(" %s %.2f s;", service, millis / 1e3));
            }
            System.out.println(ready);
        }
        if (times > 1) {
            StringBuilder summary = new StringBuilder("bench | ready after " + times + " restarts, median / slowest:");
            readyMillis.forEach((service, millis) -> {
                Percentiles ready = Percentiles.of(millis);
                summary.append(String.format(" %s %.2f / %.2f s;", service, ready.p50() / 1e3, ready.max() / 1e3));
            });
            System.out.println(summary);
        }
    }

    private static void printResident(DevStack stack, String when) throws IOException {
        StringBuilder resident = new StringBuilder("bench | resident memory " + when + ":");
        for (String service : SERVICES) {
            resident.append(String.format(" %s %d MB;", service, stack.service(service).residentBytes() >> 20));
        }
        System.out.println(resident);
    }

    /**
     * CPU time used so far by each service, this JVM, and each PostgreSQL process on the machine (the embedded server
     * detaches from this JVM; by pid: a process that exits before the next reading takes its time with it), and each
     * JVM's JIT compiler threads' part of it.
     */
    private record CpuReading(Map<String, Duration> used, Map<String, CompilerCpu> compiling) {
        static CpuReading of(DevStack stack) {
            Map<String, Duration> used = new LinkedHashMap<>();
            Map<String, CompilerCpu> compiling = new LinkedHashMap<>();
            for (String service : SERVICES) {
                used.put(service, stack.service(service).cpuTime());
                compiling.put(service, stack.service(service).compilerCpu());
            }
            used.put(BENCH_JVM, ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
            compiling.put(BENCH_JVM, CompilerCpu.of(ProcessHandle.current().pid()));
            ProcessHandle.allProcesses()
                    .filter(process -> process.info().command().map(command -> command.endsWith("/postgres"))
                            .orElse(false))
                    .forEach(process -> used.put(POSTGRES + process.pid(),
                            process.info().totalCpuDuration().orElse(Duration.ZERO)));
            return new CpuReading(used, compiling);
        }
    }

    private static void printCpuPerMessage(String what, CpuReading before, CpuReading after, int messages) {
        StringBuilder cpu = new StringBuilder("bench | " + what
                + ", CPU time per message (of which the JIT's compiler threads, at least):");
        Duration postgres = Duration.ZERO;
        for (Map.Entry<String, Duration> used : after.used().entrySet()) {
            String process = used.getKey();
            Duration spent = used.getValue().minus(before.used().getOrDefault(process, Duration.ZERO));
            if (process.startsWith(POSTGRES)) {
                postgres = postgres.plus(spent);
            } else {
                Duration compiling = after.compiling().get(process).since(before.compiling().get(process));
                cpu.append(String.format(" %s %.1f ms (%.1f);", process, spent.toNanos() / 1e6 / messages,
                        compiling.toNanos() / 1e6 / messages));
            }
        }
        cpu.append(String.format(" PostgreSQL (its processes on the machine alive at the end) %.1f ms;",
                postgres.toNanos() / 1e6 / messages));
        System.out.println(cpu);
    }

    private static Percentiles report(String what, List<Sample> samples, int modelMillis, ModelCapacity model) {
        Percentiles latency = Percentiles.of(samples.stream().map(Sample::millis).toList());
        System.out.printf("bench | %s: reply latency (POST accepted -> final reply on %s): %s%n", what,
                Topics.CHAT_OUTBOUND, latency);
        System.out.printf("bench | %s: p95 / model latency %.2f; overhead over the model's %d ms: p50 %d ms, p95 %d ms;"
                + " model requests in flight at most %d, refused %d%n", what, latency.p95() / (double) modelMillis,
                modelMillis, latency.p50() - modelMillis, latency.p95() - modelMillis, model.mostInFlight(),
                model.refused());
        printStageBreakdown(what, samples);
        return latency;
    }

    /** One message's latency and the final reply, whose stage timestamps tell where the time went. */
    private record Sample(long millis, JsonNode reply) {
    }

    /** Time between consecutive stages of the final replies: p50 / p95 / p99. */
    private static void printStageBreakdown(String what, List<Sample> samples) {
        printStages("bench", what, samples.stream().map(s -> s.reply().path("stages")).toList());
        Percentiles rest = latencyLess(samples, Stage.GATEWAY_RECEIVED, Stage.PERSONA_PUBLISHED);
        System.out.printf("bench |   the rest (POST in and reply out through the broker to the watcher): %d / %d / %d%n",
                rest.p50(), rest.p95(), rest.p99());
        Percentiles own = latencyLess(samples, Stage.LLM_REQUESTED, Stage.LLM_COMPLETED);
        System.out.printf("bench | %s: acore's own part (each reply's latency less its model call, request to last"
                + " token): p50 %d ms, p95 %d ms, p99 %d ms%n", what, own.p50(), own.p95(), own.p99());
    }

    /** Each reply's latency less the time between two of its stages, over the replies stamped with both. */
    private static Percentiles latencyLess(List<Sample> samples, Stage from, Stage to) {
        return Percentiles.of(samples.stream()
                .filter(s -> s.reply().path("stages").has(from.key()) && s.reply().path("stages").has(to.key()))
                .map(s -> s.millis() - millisBetween(s.reply().path("stages"), from.key(), to.key())).toList());
    }

    /** Time between consecutive stages of these replies' stage stamps: p50 / p95 / p99. */
    static void printStages(String bench, String what, List<JsonNode> stamps) {
        List<String> stages = Stream.of(Stage.GATEWAY_RECEIVED, Stage.GATEWAY_PUBLISHED, Stage.PERSONA_RECEIVED,
                Stage.MEMORY_RECALLED, Stage.LLM_REQUESTED, Stage.LLM_FIRST_TOKEN, Stage.LLM_COMPLETED,
                Stage.PERSONA_PUBLISHED).map(Stage::key).toList();
        System.out.printf("%s | %s, per stage (p50 / p95 / p99 ms):%n", bench, what);
        for (int i = 1; i < stages.size(); i++) {
            String from = stages.get(i - 1);
            String to = stages.get(i);
            Percentiles gap = Percentiles.of(stamps.stream().filter(st -> st.has(from) && st.has(to))
                    .map(st -> millisBetween(st, from, to)).toList());
            System.out.printf("%s |   %s -> %s: %d / %d / %d%n", bench, from, to, gap.p50(), gap.p95(), gap.p99());
        }
    }

    private static long millisBetween(JsonNode stages, String from, String to) {
        return Duration.between(Instant.parse(stages.get(from).asText()), Instant.parse(stages.get(to).asText()))
                .toMillis();
    }

    /** Bursts of web messages posted at once through the gateway, {@code gap} after the previous one's last reply. */
    private record Bursts(String gateway, ReplyWatcher replies, Duration gap) {
        List<Sample> replyLatencies(String prefix, int conversations, int rounds) throws Exception {
            List<Sample> samples = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                Thread.sleep(gap.toMillis());
                List<CompletableFuture<Sample>> inFlight = new ArrayList<>();
                for (int c = 0; c < conversations; c++) {
                    inFlight.add(sendAndAwaitReply(prefix + "-" + c, "round " + round + ", Sable?"));
                }
                for (CompletableFuture<Sample> sample : inFlight) {
                    samples.add(sample.get(120, TimeUnit.SECONDS));
                }
            }
            return samples;
        }

        private CompletableFuture<Sample> sendAndAwaitReply(String channel, String content) throws Exception {
            String body = JSON.writeValueAsString(Map.of("channel", channel, "user", "bench", "content", content));
            HttpRequest post = HttpRequest.newBuilder(URI.create(gateway + "/api/chat/messages"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            long sent = System.nanoTime();
            return HTTP.sendAsync(post, HttpResponse.BodyHandlers.ofString()).thenCompose(response -> {
                if (response.statusCode() != 202) {
                    throw new IllegalStateException("POST answered " + response.statusCode() + ": " + response.body());
                }
                try {
                    String id = JSON.readTree(response.body()).path("id").asText();
                    return replies.replyTo(id).thenApply(seen ->
                            new Sample(TimeUnit.NANOSECONDS.toMillis(seen.nanos() - sent), seen.reply()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    static int setting(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
