package dev.novalibvirt.rpc;

/**
 * Mirrors {@code oslo_messaging.MessagingTimeout}: no reply arrived within the call's timeout, or the agent stopped
 * sending heartbeats within the call-monitor timeout. The step's outcome on the remote host is unknown.
 */
public class MessagingTimeout extends MessagingException {
    private static final long serialVersionUID = 1L;
    private final String msgId;

    public MessagingTimeout(String message, String msgId) {
        super(message);
        this.msgId = msgId;
    }

    /** The {@code _msg_id} of the call that timed out. */
    public String msgId() {
        return msgId;
    }
}
