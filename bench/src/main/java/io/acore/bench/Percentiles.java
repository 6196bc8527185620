package io.acore.bench;

import java.util.List;

/** Nearest-rank percentiles of a set of durations in milliseconds. */
record Percentiles(int count, long p50, long p95, long p99, long max) {
    static Percentiles of(List<Long> millis) {
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
    }

    private static long rank(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    @Override
    public String toString() {
        return "n=" + count + " p50=" + p50 + " ms, p95=" + p95 + " ms, p99=" + p99 + " ms, max=" + max + " ms";
    }
}
