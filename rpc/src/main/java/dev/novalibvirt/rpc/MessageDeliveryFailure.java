package dev.novalibvirt.rpc;

/** Mirrors {@code oslo_messaging.MessageDeliveryFailure}: the broker could not be reached or refused the message. */
public class MessageDeliveryFailure extends MessagingException {
    private static final long serialVersionUID = 1L;

    public MessageDeliveryFailure(String message) {
        super(message);
    }

    public MessageDeliveryFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
