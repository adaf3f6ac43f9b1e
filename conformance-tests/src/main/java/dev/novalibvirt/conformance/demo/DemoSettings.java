package dev.novalibvirt.conformance.demo;

/**
 * How {@code ./lab demo [HOPS] [MEM_MIB]} runs, checked before the lab is touched.
 *
 * @param hops      live migrations, alternately host-a -> host-b and back (default 4: a->b->a->b->a)
 * @param memoryMib the busy guest's memory (default 128: the smallest the Debian cloud kernel with the busy guest's
 *                  initramfs is given here; the less memory, the less a hop has to copy)
 * @param redraw    the progress bar is redrawn in place (stdout is a terminal), else printed as a few plain lines
 * @param width     the width of the output's lines and of the progress bar
 */
public record DemoSettings(int hops, int memoryMib, boolean redraw, int width) {
    static final int DEFAULT_HOPS = 4;
    static final int MAX_HOPS = 100;
    static final int DEFAULT_MEMORY_MIB = 128;
    static final int MIN_MEMORY_MIB = 64;
    static final int MAX_MEMORY_MIB = 4096;
    static final int MIN_WIDTH = 40;

    /** @throws IllegalArgumentException naming the argument and what it must be */
    public DemoSettings {
        if (hops < 1 || hops > MAX_HOPS) {
            throw new IllegalArgumentException("HOPS must be 1.." + MAX_HOPS + ", got " + hops);
        }
        if (memoryMib < MIN_MEMORY_MIB || memoryMib > MAX_MEMORY_MIB) {
            throw new IllegalArgumentException("MEM_MIB must be " + MIN_MEMORY_MIB + ".." + MAX_MEMORY_MIB + ", got "
                    + memoryMib);
        }
        if (width < MIN_WIDTH) {
            throw new IllegalArgumentException("the output's width must be at least " + MIN_WIDTH + " columns, got "
                    + width);
        }
    }

    /**
     * From the command line ({@code -} or a missing argument takes its default), drawn as this terminal allows:
     * redrawn when stdout is a terminal, as the CLI's progress is, as wide as {@code $COLUMNS} ({@code ./lab demo}
     * sets it from the terminal), else 80 columns on a terminal and 120 in a log.
     */
    public static DemoSettings parse(String... args) {
        boolean terminal = System.console() != null;
        return new DemoSettings(number(args, 0, "HOPS", DEFAULT_HOPS), number(args, 1, "MEM_MIB", DEFAULT_MEMORY_MIB),
                terminal, columns(System.getenv("COLUMNS"), terminal ? 80 : 120));
    }

    /** {@code $COLUMNS} as a width: {@code fallback} when unset or not a number, never below {@value #MIN_WIDTH}. */
    static int columns(String columns, int fallback) {
        if (columns == null) {
            return fallback;
        }
        try {
            return Math.max(MIN_WIDTH, Integer.parseInt(columns.strip()));
        } catch (NumberFormatException e) {
            return fallback;
        }
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
}
