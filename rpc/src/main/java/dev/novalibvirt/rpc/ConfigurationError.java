package dev.novalibvirt.rpc;

import dev.novalibvirt.core.exception.InvalidConfiguration;

/**
 * Mirrors {@code oslo_messaging.ConfigurationError}: the messaging options cannot work, e.g. TLS files that are
 * missing, unreadable or not PEM. A nova.conf error like {@link InvalidTransportURL}, so an
 * {@link InvalidConfiguration}; texts name the option and, for files, the path, never a file's content.
 */
public class ConfigurationError extends InvalidConfiguration {
    private static final long serialVersionUID = 1L;

    public ConfigurationError(String message) {
        super(message);
    }

    public ConfigurationError(String message, Throwable cause) {
        super(message, cause);
    }
}
