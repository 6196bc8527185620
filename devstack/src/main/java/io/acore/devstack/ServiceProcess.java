package io.acore.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One acore service run as a child JVM from its packaged Quarkus application. */
public final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * The class-data archive a build with {@code quarkus.package.jar.appcds.enabled} leaves beside the application:
     * the classes a start loads, mapped from it instead of read and verified again. The JVM takes it only when the
     * application is started from its own directory, as it was when the archive was written.
     */
    static final String CLASS_ARCHIVE = "app-cds.jsa";

    private final String name;
    private final int port;
    private final Path directory;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path logFile;
    private final PrintStream console;
    private volatile Process process;

    private ServiceProcess(String name, int port, Path directory, List<String> command, Map<String, String> env,
            Path logFile, PrintStream console) {
        this.name = name;
        this.port = port;
        this.directory = directory;
        this.command = command;
        this.env = env;
        this.logFile = logFile;
        this.console = console;
    }

    /**
     * Starts {@code java -jar <jar>} from the jar's directory, with its class-data archive when the build left one
     * there, and {@code env} added to this process's environment. Its output goes to {@code logFile}, or, when that
     * is null, to {@code console} with every line prefixed by the name.
     */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> env, List<String> jvmOptions,
            Path logFile, PrintStream console) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not built: " + jar + " is missing (run ./mvnw -DskipTests install)");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        Path directory = jar.toAbsolutePath().getParent();
        if (Files.isRegularFile(directory.resolve(CLASS_ARCHIVE))) {
            command.add("-XX:SharedArchiveFile=" + CLASS_ARCHIVE);
        }
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.getFileName().toString());
        if (logFile != null) {
            Files.createDirectories(logFile.getParent());
        }
        ServiceProcess service = new ServiceProcess(name, port, directory, List.copyOf(command), Map.copyOf(env),
                logFile, console);
        service.launch();
        return service;
    }

    private void launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        foldersFrom(Path.of("").toAbsolutePath(), builder.environment());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        if (logFile != null) {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        }
        Process started = builder.start();
        if (logFile == null) {
            forward(name, started, console);
        }
        process = started;
    }

    /**
     * The service runs from its own folder, so a folder named by a relative path in an {@code ACORE_…_DIR} variable
     * ({@code ACORE_PERSONA_CARDS_DIR=cards}) becomes that path from {@code here}, where it was meant from.
     */
    static void foldersFrom(Path here, Map<String, String> environment) {
        environment.replaceAll((name, value) -> name.startsWith("ACORE_") && name.endsWith("_DIR")
                && !value.isBlank() && !Path.of(value).isAbsolute() ? here.resolve(value).normalize().toString()
                : value);
    }

    /** Kills the service at once (SIGKILL), as a crash would: no shutdown, nothing finished or committed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Starts the service again, with the same settings, after it stopped or was killed. */
    public void restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        launch();
    }

    private static void forward(String name, Process process, PrintStream console) {
        String prefix = String.format("%-9s| ", name);
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    console.println(prefix + line);
                }
            } catch (IOException ignored) {
                // the process ended; nothing more to forward
            }
        }, "log-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    public String name() {
        return name;
    }

    /** The process's resident set (heap, mapped files in memory, native) in bytes, from /proc; 0 where there is none. */
    public long residentBytes() throws IOException {
        Path status = Path.of("/proc/" + process.pid() + "/status");
        if (!Files.exists(status)) {
            return 0;
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(0) << 10;
    }

    /** The CPU time the running process has used so far, on every core. */
    public Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The CPU time of the running process's JIT compiler threads so far. */
    public CompilerCpu compilerCpu() {
        return CompilerCpu.of(process.pid());
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Waits until {@code /q/health/ready} answers 200, failing early if the process dies. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            Process current = process;
            if (!current.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + current.exitValue() + " while starting");
            }
            try {
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s");
    }

    /** Asks the service to stop (SIGTERM) without waiting. */
    public void requestStop() {
        process.destroy();
    }

    /** Asks the service to stop, then forces it after a grace period. */
    @Override
    public void close() {
        requestStop();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
