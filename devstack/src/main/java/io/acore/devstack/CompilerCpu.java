package io.acore.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CPU time each of a JVM's JIT compiler threads has used, read from Linux's {@code /proc/<pid>/task/<tid>/stat}
 * (none elsewhere): how much of a process's CPU went to compiling its code rather than running it. The JVM starts
 * and stops compiler threads as its queue of work grows and shrinks, and a thread that ends takes its time with it:
 * {@link #since} counts what the threads alive at the later reading used, a lower bound.
 *
 * @param ticks each compiler thread's user and system time, in clock ticks, by thread id
 */
public record CompilerCpu(Map<Long, Long> ticks) {
    /** Linux's clock ticks per second for {@code utime} and {@code stime}, 100 on every kernel acore runs on. */
    private static final long TICKS_PER_SECOND = 100;

    /** The compiler threads' times of the process, none if it is not running (or not on Linux). */
    public static CompilerCpu of(long pid) {
        Map<Long, Long> ticks = new HashMap<>();
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            threads.forEach(thread -> {
                long used = compilerTicks(thread.resolve("stat"));
                if (used >= 0) {
                    ticks.put(Long.parseLong(thread.getFileName().toString()), used);
                }
            });
        } catch (IOException | UncheckedIOException notRunning) {
            return new CompilerCpu(Map.of());
        }
        return new CompilerCpu(ticks);
    }

    /** What the compiler threads alive now used since {@code earlier}, all of it for those started since. */
    public Duration since(CompilerCpu earlier) {
        long used = ticks.entrySet().stream()
                .mapToLong(thread -> thread.getValue() - earlier.ticks.getOrDefault(thread.getKey(), 0L)).sum();
        return Duration.ofMillis(used * 1000 / TICKS_PER_SECOND);
    }

    /** A thread's user and system ticks if it is one of the JIT's compiler threads ("C1 CompilerThre…"), else -1. */
    private static long compilerTicks(Path stat) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException ended) {
            return -1; // the thread ended since the folder was listed
        }
        int close = line.lastIndexOf(')');
        if (!line.substring(line.indexOf('(') + 1, close).matches("C[12] CompilerThre.*")) {
            return -1;
        }
        // after the name: state (field 3), ... utime (14), stime (15)
        String[] fields = line.substring(close + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
