package dev.novalibvirt.migration.monitor;

import dev.novalibvirt.core.exception.NovaException;
import java.util.Optional;

/** A call on the migrating domain failed (Nova's {@code libvirtError} inside the monitor). */
public class MigrationGuestException extends NovaException {
    private static final long serialVersionUID = 1L;

    /** libvirt's {@code virErrorNumber} name, e.g. {@code VIR_ERR_OPERATION_INVALID}; null when not known. */
    private final String libvirtCode;

    public MigrationGuestException(String message) {
        this(message, null, null);
    }

    public MigrationGuestException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /**
     * @param libvirtCode libvirt's error code by its {@code virErrorNumber} name (Nova's
     *                    {@code libvirtError.get_error_code()}); null when the failure did not come from libvirt
     */
    public MigrationGuestException(String message, String libvirtCode, Throwable cause) {
        super(message, cause);
        this.libvirtCode = libvirtCode;
    }

    /** libvirt's error code by its {@code virErrorNumber} name; empty when not known. */
    public Optional<String> libvirtCode() {
        return Optional.ofNullable(libvirtCode);
    }
}
