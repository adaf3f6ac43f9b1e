package dev.novalibvirt.conformance.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the agents say about their own side of each message: at a graceful stop every agent logs one line per wire
 * method, {@code agent of HOST handled METHOD n=.. p50_ms=.. p99_ms=.. max_ms=..} (the time from taking the message
 * off its queue to its final reply confirmed by the broker). Read from their logs, so the oslo wire format stays as it
 * is. The agents' figures cover their whole run (the bench's warm-up included).
 */
public final class AgentHandlerTimes {
    private static final Pattern LINE = Pattern.compile(
            "agent of (\\S+) handled (\\S+) n=(\\d+) p50_ms=([0-9.]+) p99_ms=([0-9.]+) max_ms=([0-9.]+)");

    /** One host's figures for one method. */
    public record Handled(String host, String method, int count, double p50Ms, double p99Ms, double maxMs) {
    }

    /** One method over every host that handled it. */
    public record Combined(String method, int count, double p50Ms, double p99Ms) {
    }

    private AgentHandlerTimes() {
    }

    /** Every summary line in a log's text. */
    public static List<Handled> parse(String log) {
        List<Handled> out = new ArrayList<>();
        Matcher m = LINE.matcher(log);
        while (m.find()) {
            out.add(new Handled(m.group(1), m.group(2), Integer.parseInt(m.group(3)), Double.parseDouble(m.group(4)),
                    Double.parseDouble(m.group(5)), Double.parseDouble(m.group(6))));
        }
        return out;
    }

    /**
     * Per method over all hosts: the count summed, the median as the hosts' medians weighted by their counts (the
     * hosts' samples are not in the logs, only their summaries), the p99 as the worst host's.
     */
    public static Map<String, Combined> combine(List<Handled> lines) {
        Map<String, List<Handled>> byMethod = new LinkedHashMap<>();
        lines.forEach(h -> byMethod.computeIfAbsent(h.method(), k -> new ArrayList<>()).add(h));
        Map<String, Combined> out = new LinkedHashMap<>();
        byMethod.forEach((method, hs) -> {
            int n = hs.stream().mapToInt(Handled::count).sum();
            double p50 = hs.stream().mapToDouble(h -> h.p50Ms() * h.count()).sum() / Math.max(1, n);
            double p99 = hs.stream().mapToDouble(Handled::p99Ms).max().orElse(0);
            out.put(method, new Combined(method, n, p50, p99));
        });
        return out;
    }
}
