package dev.novalibvirt.cli.progress;

import java.time.Duration;
import java.util.Locale;

/** Sizes in binary units and short durations, as the progress line and the reports print them. */
public final class Units {
    private static final String[] SIZE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Units() {
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 245.8 MiB}, {@code 2.0 GiB}; {@code ?} when negative (unknown). */
    public static String bytes(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        int unit = 0;
        while (v >= 1024 && unit < SIZE_UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, SIZE_UNITS[unit]);
    }

    /**
     * Done out of all: {@code 215.0/512.0 MiB} when both have the same unit, else {@code 900.0 MiB / 1.5 GiB};
     * {@code 100.0 MiB / ?} when the total is unknown.
     */
    public static String bytesOf(long done, long total) {
        String d = bytes(done);
        String t = bytes(total);
        int blank = d.indexOf(' ');
        if (blank > 0 && t.endsWith(d.substring(blank)) && t.indexOf(' ') > 0) {
            return d.substring(0, blank) + "/" + t;
        }
        return d + " / " + t;
    }

    /** A rate: {@code 98.0 MiB/s}; {@code ?} when unknown. */
    public static String rate(long bytesPerSecond) {
        return bytesPerSecond < 0 ? "?" : bytes(bytesPerSecond) + "/s";
    }

    /** An ETA: {@code 0:42}, {@code 12:05}, {@code 1:02:03}; {@code ?} when negative, NaN or infinite (unknown). */
    public static String eta(double seconds) {
        if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        long h = s / 3600;
        long m = s % 3600 / 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }

    /** {@code 850 ms}, {@code 12.3 s}, {@code 2 min 05 s}; {@code ?} when null or negative. */
    public static String duration(Duration d) {
        if (d == null || d.isNegative()) {
            return "?";
        }
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return String.format(Locale.ROOT, "%d min %02d s", ms / 60_000, ms % 60_000 / 1000);
    }
}
