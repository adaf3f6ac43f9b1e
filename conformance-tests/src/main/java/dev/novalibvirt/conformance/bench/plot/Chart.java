package dev.novalibvirt.conformance.bench.plot;

import java.util.List;
import java.util.Objects;

/**
 * What a bench draws: one {@link Series} per case over a common time axis. Series without points are dropped (a case
 * the monitor saw no progress of, e.g. one that ended before its first poll).
 *
 * @param title  the chart's title
 * @param xLabel the x axis (time)
 * @param yLabel the y axis (what is measured)
 * @param series one per case, in the bench's order
 */
public record Chart(String title, String xLabel, String yLabel, List<Series> series) {
    public Chart {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(xLabel, "xLabel");
        Objects.requireNonNull(yLabel, "yLabel");
        series = series.stream().filter(s -> !s.points().isEmpty()).toList();
    }

    public boolean isEmpty() {
        return series.isEmpty();
    }
}
