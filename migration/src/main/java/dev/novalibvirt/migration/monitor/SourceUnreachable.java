package dev.novalibvirt.migration.monitor;

/**
 * The source libvirtd cannot be reached (it restarted, died, or its keepalive timed out): unlike other
 * {@link MigrationGuestException}s this says nothing about the job, so the monitor reconnects and asks again
 * instead of giving up (see {@link LostSourceProbe}).
 */
public class SourceUnreachable extends MigrationGuestException {
    private static final long serialVersionUID = 1L;

    public SourceUnreachable(String message, Throwable cause) {
        super(message, cause);
    }
}
