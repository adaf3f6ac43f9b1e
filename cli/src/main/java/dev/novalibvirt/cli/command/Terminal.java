package dev.novalibvirt.cli.command;

/** Whether a long command draws its progress, and how wide: shared by {@code migrate} and {@code drain}. */
final class Terminal {
    private Terminal() {
    }

    /** {@code --[no-]progress} if given, else whether stdout is a terminal; never with {@code --json}. */
    static boolean progress(Boolean option, boolean json) {
        return !json && (option != null ? option : System.console() != null);
    }

    /** {@code --progress-width} if given, else {@code $COLUMNS}, else 80. */
    static int width(Integer option) {
        if (option != null) {
            return option;
        }
        try {
            String columns = System.getenv("COLUMNS");
            return columns == null ? 80 : Math.max(20, Integer.parseInt(columns.strip()));
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
