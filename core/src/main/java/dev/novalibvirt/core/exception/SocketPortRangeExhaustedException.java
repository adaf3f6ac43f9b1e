package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.SocketPortRangeExhaustedException} (a {@code NovaException}, as in Nova): no port of
 * {@code [serial_console] port_range} is free on the host for a serial console, e.g. in the destination's
 * {@code pre_live_migration}.
 */
public class SocketPortRangeExhaustedException extends NovaException {
    private static final long serialVersionUID = 1L;
    private final String host;

    /** Nova's message: {@code Not able to acquire a free port for <host>}. */
    public SocketPortRangeExhaustedException(String host) {
        this(host, "Not able to acquire a free port for " + host);
    }

    public SocketPortRangeExhaustedException(String host, String message) {
        super(message);
        this.host = host;
    }

    /** The address the ports were wanted on ({@code serial_listen_addr}). */
    public String host() {
        return host;
    }
}
