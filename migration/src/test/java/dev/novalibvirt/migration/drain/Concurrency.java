package dev.novalibvirt.migration.drain;

import java.util.HashMap;
import java.util.Map;

/** Counts the libvirt jobs running at once, per source host, per destination and in all, and the most seen. */
final class Concurrency {
    private final Map<String, Integer> now = new HashMap<>();
    private final Map<String, Integer> max = new HashMap<>();
    private final Map<String, Integer> nowInto = new HashMap<>();
    private final Map<String, Integer> maxInto = new HashMap<>();
    private int total;
    private int maxTotal;

    synchronized void enter(String source, String destination) {
        max.merge(source, now.merge(source, 1, Integer::sum), Math::max);
        maxInto.merge(destination, nowInto.merge(destination, 1, Integer::sum), Math::max);
        maxTotal = Math.max(maxTotal, ++total);
    }

    synchronized void leave(String source, String destination) {
        now.merge(source, -1, Integer::sum);
        nowInto.merge(destination, -1, Integer::sum);
        total--;
    }

    synchronized int maxInto(String destination) {
        return maxInto.getOrDefault(destination, 0);
    }

    synchronized int running() {
        return total;
    }

    synchronized int maxFrom(String source) {
        return max.getOrDefault(source, 0);
    }

    synchronized int maxTotal() {
        return maxTotal;
    }
}
