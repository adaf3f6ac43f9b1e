package dev.novalibvirt.conformance.bench;

import java.util.List;

/**
 * Whether a resource of the process (threads, open fds, RSS, heap) stayed flat over a soak. Judged from the samples
 * taken from the warm-up hop on (before it, class loading, JIT and connection set-up grow everything once): the
 * least-squares line through them may rise by at most the tolerance over the span sampled. A line, not the last
 * sample minus the first: a sample taken while the other guest's migration runs has its threads and sockets, so
 * single samples jitter, while a leak of a little per hop lifts the whole line.
 */
final class Flatness {
    /** Fewer samples than this after the warm-up say nothing. */
    static final int MIN_SAMPLES = 3;

    private Flatness() {
    }

    /** One sample: the hop it was taken after and the value. */
    record Point(int hop, double value) {
    }

    /**
     * The verdict on one resource.
     *
     * @param resource what was sampled, e.g. {@code rss}
     * @param unit     its unit, e.g. {@code MiB}
     * @param samples  how many samples from the warm-up on
     * @param first    the first of them (NaN when there is none)
     * @param last     the last of them (NaN when there is none)
     * @param growth   the fitted line's rise over the span sampled (NaN when not judged)
     * @param allowed  the tolerance
     */
    record Trend(String resource, String unit, int samples, double first, double last, double growth,
                 double allowed) {

        /** Enough samples over more than one hop to judge. */
        boolean judged() {
            return !Double.isNaN(growth);
        }

        /** Judged and within the tolerance. */
        boolean flat() {
            return judged() && growth <= allowed;
        }

        /** {@code yes}, {@code no} or {@code n/a}. */
        String verdict() {
            return !judged() ? "n/a" : flat() ? "yes" : "no";
        }
    }

    /**
     * Judges {@code points} from hop {@code fromHop} on against {@code allowed}.
     *
     * @throws IllegalArgumentException for a negative tolerance
     */
    static Trend judge(String resource, String unit, List<Point> points, int fromHop, double allowed) {
        if (allowed < 0) {
            throw new IllegalArgumentException(resource + ": tolerance must be >= 0, got " + allowed);
        }
        List<Point> after = points.stream().filter(p -> p.hop() >= fromHop).toList();
        if (after.isEmpty()) {
            return new Trend(resource, unit, 0, Double.NaN, Double.NaN, Double.NaN, allowed);
        }
        double first = after.get(0).value();
        double last = after.get(after.size() - 1).value();
        double meanX = after.stream().mapToDouble(Point::hop).average().orElseThrow();
        double meanY = after.stream().mapToDouble(Point::value).average().orElseThrow();
        double sxx = 0;
        double sxy = 0;
        int minHop = Integer.MAX_VALUE;
        int maxHop = Integer.MIN_VALUE;
        for (Point p : after) {
            sxx += (p.hop() - meanX) * (p.hop() - meanX);
            sxy += (p.hop() - meanX) * (p.value() - meanY);
            minHop = Math.min(minHop, p.hop());
            maxHop = Math.max(maxHop, p.hop());
        }
        double growth = after.size() < MIN_SAMPLES || sxx == 0 ? Double.NaN : sxy / sxx * (maxHop - minHop);
        return new Trend(resource, unit, after.size(), first, last, growth, allowed);
    }

    /** {@code yes} when every trend is flat, {@code no} when one is not, {@code n/a} when one could not be judged. */
    static String overall(List<Trend> trends) {
        if (trends.stream().anyMatch(t -> t.judged() && !t.flat())) {
            return "no";
        }
        return trends.stream().allMatch(Trend::judged) ? "yes" : "n/a";
    }
}
