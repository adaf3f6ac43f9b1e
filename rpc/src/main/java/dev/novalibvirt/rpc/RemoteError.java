package dev.novalibvirt.rpc;

import java.util.List;

/**
 * Mirrors {@code oslo_messaging.RemoteError}: the agent raised an exception this side has no type for (a name outside
 * {@code nova.exception} and core, or a module that does not match). Carries the remote class name, message and
 * traceback lines as sent.
 */
public class RemoteError extends MessagingException {
    private static final long serialVersionUID = 1L;
    private final String excType;
    private final String value;
    private final List<String> traceback;

    public RemoteError(String excType, String value, List<String> traceback) {
        super("Remote error: " + excType + " " + value);
        this.excType = excType;
        this.value = value;
        this.traceback = List.copyOf(traceback);
    }

    /** The remote exception's class name ({@code exc_type}). */
    public String excType() {
        return excType;
    }

    /** The remote exception's message ({@code value}). */
    public String value() {
        return value;
    }

    /** The remote traceback, one entry per line, as oslo's {@code tb}. */
    public List<String> traceback() {
        return traceback;
    }
}
