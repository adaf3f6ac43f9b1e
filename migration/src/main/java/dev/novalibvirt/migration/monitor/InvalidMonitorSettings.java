package dev.novalibvirt.migration.monitor;

import dev.novalibvirt.core.exception.NovaException;

/** A monitor setting is out of the range Nova's option definition accepts; nothing was started. */
public class InvalidMonitorSettings extends NovaException {
    private static final long serialVersionUID = 1L;

    public InvalidMonitorSettings(String message) {
        super(message);
    }
}
