package dev.novalibvirt.libvirt.monrefresh;

import dev.novalibvirt.core.exception.NovaException;

/** The monitor refresh could not be planned (no monitors, unreadable definition). */
public class MonitorRefreshException extends NovaException {
    private static final long serialVersionUID = 1L;

    public MonitorRefreshException(String message) {
        super(message);
    }
}
