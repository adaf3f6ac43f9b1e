package dev.novalibvirt.conformance.bench.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/** Draws a {@link Chart} as a PNG with XChart (a line per series, its points marked). */
public final class ChartFile {
    private static final int WIDTH = 960;
    private static final int HEIGHT = 540;

    private ChartFile() {
    }

    /**
     * Writes {@code chart} to {@code file} (a {@code .png}); makes its directory.
     *
     * @throws IllegalArgumentException when the chart has no series or the file does not end in {@code .png}
     */
    public static Path png(Chart chart, Path file) {
        if (chart.isEmpty()) {
            throw new IllegalArgumentException("chart '" + chart.title() + "' has no series with points");
        }
        if (!file.getFileName().toString().endsWith(".png")) {
            throw new IllegalArgumentException("a PNG file name ends in .png: " + file);
        }
        // a bench runs without a display
        System.setProperty("java.awt.headless", "true");
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(chart.title())
                .xAxisTitle(chart.xLabel()).yAxisTitle(chart.yLabel()).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        c.getStyler().setMarkerSize(4);
        for (Series s : chart.series()) {
            c.addSeries(s.label(), s.xs(), s.ys());
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plot " + file, e);
        }
        return file;
    }
}
