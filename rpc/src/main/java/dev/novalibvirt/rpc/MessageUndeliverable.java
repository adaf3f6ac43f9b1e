package dev.novalibvirt.rpc;

/**
 * Mirrors {@code oslo_messaging.MessageUndeliverable}: the broker returned a call or cast because no queue is bound to
 * its routing key (no agent of that host ever listened), so it fails at once instead of after the whole timeout. An
 * agent that is down but has listened before still has its queue: that call waits and ends in {@link MessagingTimeout}.
 */
public class MessageUndeliverable extends MessagingException {
    private static final long serialVersionUID = 1L;
    private final String routingKey;

    public MessageUndeliverable(String message, String routingKey) {
        super(message);
        this.routingKey = routingKey;
    }

    /** Where the message was sent ({@code <topic>.<server>}). */
    public String routingKey() {
        return routingKey;
    }
}
