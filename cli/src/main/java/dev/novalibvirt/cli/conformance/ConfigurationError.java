package dev.novalibvirt.cli.conformance;

import dev.novalibvirt.core.exception.InvalidConfiguration;

/**
 * The conformance config file is wrong: the message names the file, the key ({@code [host2] uri}) and what was
 * expected. Raised before anything is opened (exit code 2); the value of a secret-bearing key is never shown.
 */
public final class ConfigurationError extends InvalidConfiguration {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigurationError(String file, String key, String message) {
        super(file + ": " + key + ": " + message);
        this.key = key;
    }

    /** The key at fault, as {@code [section] option}. */
    public String key() {
        return key;
    }
}
