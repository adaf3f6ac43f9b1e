package dev.novalibvirt.rpc.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.novalibvirt.rpc.MalformedMessage;

/**
 * A call or cast as oslo.messaging's RPC client and AMQP driver build it: {@code method}, {@code args}, optional
 * {@code namespace} and {@code version} ({@code RPCClient._make_message}); for a call {@code _msg_id},
 * {@code _reply_q} and {@code _timeout} (the call-monitor timeout in seconds, null without one); then
 * {@code _unique_id}, then the context's {@code _context_*} keys ({@code AMQPDriverBase._send}), in that order.
 *
 * @param msgId   null for a cast
 * @param timeout {@code _timeout} seconds, only meaningful for a call
 */
public record RpcMessage(String method, ObjectNode args, String namespace, String version, String msgId,
                         String replyQ, Integer timeout, String uniqueId, RequestContext context) {

    public RpcMessage {
        if (method == null || method.isEmpty()) {
            throw new MalformedMessage("a message has no method");
        }
        args = args == null ? JsonNodeFactory.instance.objectNode() : args.deepCopy();
        context = context == null ? RequestContext.empty() : context;
    }

    public boolean isCall() {
        return msgId != null;
    }

    /** The message dict, keys in oslo's order. */
    public ObjectNode toJson() {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("method", method);
        m.set("args", args.deepCopy());
        if (namespace != null) {
            m.put("namespace", namespace);
        }
        if (version != null) {
            m.put("version", version);
        }
        if (isCall()) {
            m.put("_msg_id", msgId);
            m.put("_reply_q", replyQ);
            m.put("_timeout", timeout);
        }
        m.put("_unique_id", uniqueId);
        context.packInto(m);
        return m;
    }

    /** The AMQP body. */
    public String toBody() {
        return Envelope.wrap(toJson());
    }

    /** Reads a message dict (after {@link Envelope#unwrap}). */
    public static RpcMessage fromJson(ObjectNode m) {
        JsonNode args = m.path("args");
        if (!args.isMissingNode() && !args.isObject()) {
            throw new MalformedMessage("a message's args is not a JSON object");
        }
        JsonNode timeout = m.path("_timeout");
        return new RpcMessage(text(m, "method"), args.isObject() ? (ObjectNode) args : null, text(m, "namespace"),
                text(m, "version"), text(m, "_msg_id"), text(m, "_reply_q"),
                timeout.isNumber() ? Integer.valueOf(timeout.asInt()) : null, text(m, "_unique_id"),
                RequestContext.unpack(m));
    }

    /** Parses an AMQP body. */
    public static RpcMessage fromBody(String body) {
        return fromJson(Envelope.unwrap(body));
    }

    static String text(ObjectNode m, String key) {
        JsonNode v = m.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Method and ids only: arguments are not for logs. */
    @Override
    public String toString() {
        return (isCall() ? "CALL " : "CAST ") + method + " msg_id=" + msgId + " unique_id=" + uniqueId + " " + context;
    }
}
