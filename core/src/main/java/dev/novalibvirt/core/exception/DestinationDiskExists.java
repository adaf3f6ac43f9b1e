package dev.novalibvirt.core.exception;

import java.nio.file.Path;

/**
 * Mirrors {@code nova.exception.DestinationDiskExists}: {@code pre_live_migration} found the instance directory
 * already present on a destination whose instances_path is not shared. Before Nova's storage-checks fix this is
 * what migrating an RBD instance back to its former host hit, because the old source directory was never removed.
 */
public class DestinationDiskExists extends Invalid {
    private static final long serialVersionUID = 1L;
    private final Path path;

    public DestinationDiskExists(Path path) {
        super("The supplied disk path (" + path + ") already exists, it is expected not to exist.");
        this.path = path;
    }

    /** The instance directory that already exists on the destination. */
    public Path path() {
        return path;
    }
}
