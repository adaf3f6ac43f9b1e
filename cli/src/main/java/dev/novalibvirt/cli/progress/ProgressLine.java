package dev.novalibvirt.cli.progress;

import java.util.Locale;

/**
 * The one-line progress bar of a migration, a pure function of a {@link ProgressSnapshot} and the terminal's width:
 * <pre>instance-00000001 [########------------]  42% 215.0 MiB / 512.0 MiB  297.0 MiB left  dirty 12.0 MiB/s  ETA 0:07</pre>
 * The bar takes what the figures leave of the width (at most 40 columns, at least 10, none when even that does not
 * fit; the label is shortened first); the line never exceeds the width.
 */
public final class ProgressLine {
    static final int MIN_BAR = 10;
    static final int MAX_BAR = 40;
    static final int MIN_LABEL = 8;
    /** The length of {@code " 42% 215.0/512.0 MiB  297.0 MiB left  dirty 12.0 MiB/s  ETA 0:07"}. */
    static final int USUAL_FIGURES = 64;

    private ProgressLine() {
    }

    /** The line for {@code s} in at most {@code width} columns (the caller redraws it after a {@code \r}). */
    public static String render(ProgressSnapshot s, int width) {
        int pct = s.shownPercent();
        String figures = String.format(Locale.ROOT, "%s %s  %s left  dirty %s  ETA %s%s",
                pct < 0 ? "  ?%" : String.format(Locale.ROOT, "%3d%%", pct),
                Units.bytesOf(s.processed(), s.total() > 0 ? s.total() : -1), Units.bytes(s.remaining()),
                Units.rate(s.dirtyPerSecond()), Units.eta(s.etaSeconds()), s.postCopy() ? "  post-copy" : "");
        String label = s.label() == null ? "" : s.label();
        // sized for the usual figures at least, so that the bar keeps its width when they get shorter (the end)
        int room = width - Math.max(figures.length(), USUAL_FIGURES) - 1; // 1: the blank before the figures
        String line;
        if (room >= label.length() + 1 + MIN_BAR) {
            line = label + " " + bar(pct, Math.min(MAX_BAR, room - label.length() - 1)) + " " + figures;
        } else if (room >= MIN_LABEL + 1 + MIN_BAR) {
            line = shorten(label, room - 1 - MIN_BAR) + " " + bar(pct, MIN_BAR) + " " + figures;
        } else if (room >= MIN_BAR) {
            line = bar(pct, Math.min(MAX_BAR, room)) + " " + figures;
        } else {
            line = figures;
        }
        return line.length() <= width ? line : line.substring(0, Math.max(0, width));
    }

    /** {@code [#####-----]}; an unknown percent shows {@code [    ?     ]}. */
    static String bar(int pct, int width) {
        int inner = width - 2;
        if (pct < 0) {
            int left = (inner - 1) / 2;
            return "[" + " ".repeat(left) + "?" + " ".repeat(inner - 1 - left) + "]";
        }
        int filled = pct * inner / 100;
        return "[" + "#".repeat(filled) + "-".repeat(inner - filled) + "]";
    }

    private static String shorten(String label, int max) {
        return label.length() <= max ? label : label.substring(0, Math.max(1, max - 1)) + "~";
    }
}
