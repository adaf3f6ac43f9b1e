package dev.novalibvirt.rpc.compute;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How long the agent spent on each message it handled, per wire method: from taking it off the queue to its final
 * reply confirmed by the broker (or, for a cast without a report, to the step's end). What a caller's round trip
 * costs beyond this is the wire's. Keeps the latest {@value #KEPT} samples of each method; unknown method names are
 * counted together, so hostile input cannot grow it.
 */
final class HandlerStats {
    static final int KEPT = 4096;
    static final String UNKNOWN = "(unknown)";
    private final Map<String, long[]> samples = new TreeMap<>();
    private final Map<String, Integer> counts = new TreeMap<>();

    /** One summary line's figures. */
    record Summary(String method, int count, double p50Ms, double p99Ms, double maxMs) {
        /** {@code handled get_info n=12 p50_ms=1.234 p99_ms=3.456 max_ms=3.456}. */
        String line() {
            return String.format(Locale.ROOT, "handled %s n=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f", method, count,
                    p50Ms, p99Ms, maxMs);
        }
    }

    synchronized void record(String method, long nanos) {
        String key = ComputeRpcMethod.byWireName(method).isPresent() ? method : UNKNOWN;
        int n = counts.merge(key, 1, Integer::sum);
        samples.computeIfAbsent(key, k -> new long[KEPT])[(n - 1) % KEPT] = nanos;
    }

    /** Per method (by name), over the kept samples. */
    synchronized Map<String, Summary> summaries() {
        Map<String, Summary> out = new TreeMap<>();
        counts.forEach((method, n) -> {
            long[] kept = Arrays.copyOf(samples.get(method), Math.min(n, KEPT));
            Arrays.sort(kept);
            out.put(method, new Summary(method, n, ms(percentile(kept, 0.50)), ms(percentile(kept, 0.99)),
                    ms(kept[kept.length - 1])));
        });
        return out;
    }

    /** Nearest rank. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
