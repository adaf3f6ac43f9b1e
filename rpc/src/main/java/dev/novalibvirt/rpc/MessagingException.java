package dev.novalibvirt.rpc;

/**
 * Root of the wire's own failures, mirroring {@code oslo_messaging.MessagingException}. Kept apart from
 * {@code NovaException} (as oslo keeps them apart from {@code nova.exception}): a Nova exception raised by the agent
 * arrives as itself, these say the message itself did not make it. Texts never carry credentials or message bodies.
 */
public class MessagingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MessagingException(String message) {
        super(message);
    }

    public MessagingException(String message, Throwable cause) {
        super(message, cause);
    }
}
