package dev.novalibvirt.rpc;

import dev.novalibvirt.core.exception.InvalidConfiguration;

/**
 * Mirrors {@code oslo_messaging.InvalidTransportURL}: {@code [DEFAULT] transport_url} cannot be used. A configuration
 * error like the rest of nova.conf's, so it is an {@link InvalidConfiguration}; the text never repeats the URL as
 * given (it may hold the password), only which part is wrong.
 */
public class InvalidTransportURL extends InvalidConfiguration {
    private static final long serialVersionUID = 1L;

    public InvalidTransportURL(String why) {
        super("[DEFAULT] transport_url is invalid: " + why);
    }
}
