package dev.novalibvirt.conformance.bench.plot;

import java.util.List;
import java.util.Objects;

/**
 * One line of a chart: a case's label and its points in the order measured.
 *
 * @param label  the legend's text (the bench case)
 * @param points x (seconds since the case began) and y (its measure then)
 */
public record Series(String label, List<Point> points) {
    public Series {
        Objects.requireNonNull(label, "label");
        points = List.copyOf(points);
    }

    /** One measurement. */
    public record Point(double x, double y) {
    }

    public double[] xs() {
        return points.stream().mapToDouble(Point::x).toArray();
    }

    public double[] ys() {
        return points.stream().mapToDouble(Point::y).toArray();
    }
}
