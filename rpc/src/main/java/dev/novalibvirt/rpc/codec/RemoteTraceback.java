package dev.novalibvirt.rpc.codec;

import java.util.List;

/**
 * The agent-side traceback of an exception that crossed the wire, attached as a suppressed exception so it shows
 * in the caller's stack trace under the typed exception (oslo appends it to the message instead, which would make
 * messages differ from the remote ones).
 */
public final class RemoteTraceback extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> lines;

    public RemoteTraceback(List<String> lines) {
        super("remote traceback:\n" + String.join("", lines), null, false, false);
        this.lines = List.copyOf(lines);
    }

    /** The traceback lines as sent ({@code tb}). */
    public List<String> lines() {
        return lines;
    }
}
