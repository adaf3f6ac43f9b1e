package dev.novalibvirt.conformance.bench;

/**
 * The arguments of {@code ./lab bench backforth [HOPS] [GUESTS] [EVERY] [SECOND]}, checked before the lab is touched.
 *
 * @param hops    hops per guest (default 200: from its first host to the other and back, 200 hops in all)
 * @param guests  guests migrating at once, 1 to 4 (default 2); the first is the boot-sector guest, the second
 *                the busy guest (or a second boot-sector guest, see {@code second}), any more boot-sector guests
 * @param every   a sample of threads, fds, RSS and heap every this many hops of all guests together (default:
 *                about 40 samples over the run)
 * @param warmup  the hop (of all guests together) from which the samples are judged: 20, or a third of a short run
 * @param busy    the second guest is the busy Linux guest in disk-I/O mode ({@code busy}, the default) rather than
 *                a second boot-sector guest ({@code boot})
 */
record BackforthSettings(int hops, int guests, int every, int warmup, boolean busy) {
    static final int DEFAULT_HOPS = 200;
    static final int DEFAULT_GUESTS = 2;
    static final int MAX_GUESTS = 4;
    static final int WARMUP = 20;
    /** About this many samples over a run when EVERY is not given. */
    static final int SAMPLES = 40;

    /** @throws IllegalArgumentException naming the argument and what it must be */
    BackforthSettings {
        if (hops < 1) {
            throw new IllegalArgumentException("HOPS must be at least 1, got " + hops);
        }
        if (guests < 1 || guests > MAX_GUESTS) {
            throw new IllegalArgumentException("GUESTS must be 1.." + MAX_GUESTS + ", got " + guests);
        }
        if (every < 1) {
            throw new IllegalArgumentException("EVERY must be at least 1, got " + every);
        }
    }

    /** From the command line; a missing or {@code -} argument takes its default. */
    static BackforthSettings parse(String... args) {
        int hops = number(args, 0, "HOPS", DEFAULT_HOPS);
        int guests = number(args, 1, "GUESTS", DEFAULT_GUESTS);
        int total = Math.multiplyExact(hops, guests);
        int every = number(args, 2, "EVERY", Math.max(1, Math.round(total / (float) SAMPLES)));
        String second = args.length > 3 && !args[3].equals("-") ? args[3] : "busy";
        if (!second.equals("busy") && !second.equals("boot")) {
            throw new IllegalArgumentException("SECOND must be 'busy' or 'boot', got '" + second + "'");
        }
        return new BackforthSettings(hops, guests, every, Math.min(WARMUP, total / 3), second.equals("busy"));
    }

    private static int number(String[] args, int i, String name, int fallback) {
        if (args.length <= i || args[i].equals("-")) {
            return fallback;
        }
        try {
            return Integer.parseInt(args[i]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + args[i] + "'");
        }
    }

    /** Migrations of all guests together. */
    int totalHops() {
        return hops * guests;
    }

    /** Whether guest {@code index} (0-based) is the busy guest. */
    boolean isBusy(int index) {
        return busy && index == 1;
    }
}
