package dev.novalibvirt.migration.monitor;

import dev.novalibvirt.core.exception.NovaException;

/** A call on the migrating domain failed (Nova's {@code libvirtError} inside the monitor). */
public class MigrationGuestException extends NovaException {
    private static final long serialVersionUID = 1L;

    public MigrationGuestException(String message) {
        super(message);
    }

    public MigrationGuestException(String message, Throwable cause) {
        super(message, cause);
    }
}
