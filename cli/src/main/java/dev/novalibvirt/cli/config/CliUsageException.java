package dev.novalibvirt.cli.config;

import dev.novalibvirt.core.exception.Invalid;

/** The command line or the configuration it names is wrong (exit code 2); the message says what and how to fix it. */
public class CliUsageException extends Invalid {
    private static final long serialVersionUID = 1L;

    public CliUsageException(String message) {
        super(message);
    }
}
