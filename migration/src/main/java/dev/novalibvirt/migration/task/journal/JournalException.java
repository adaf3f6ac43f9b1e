package dev.novalibvirt.migration.task.journal;

import dev.novalibvirt.core.exception.NovaException;

/** The journal could not be written or read. */
public class JournalException extends NovaException {
    private static final long serialVersionUID = 1L;

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
