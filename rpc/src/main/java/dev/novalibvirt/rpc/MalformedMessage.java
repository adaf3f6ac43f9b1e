package dev.novalibvirt.rpc;

/**
 * A message or reply that is not oslo.messaging's shape (no envelope, an unsupported {@code oslo.version}, missing
 * keys, arguments that do not decode into the contract's types). Names the key, never the body.
 */
public class MalformedMessage extends MessagingException {
    private static final long serialVersionUID = 1L;

    public MalformedMessage(String message) {
        super(message);
    }

    public MalformedMessage(String message, Throwable cause) {
        super(message, cause);
    }
}
