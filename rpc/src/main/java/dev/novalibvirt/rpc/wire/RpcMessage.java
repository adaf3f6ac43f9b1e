package dev.novalibvirt.rpc.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.novalibvirt.rpc.MalformedMessage;
import java.util.regex.Pattern;

/**
 * A call or cast as oslo.messaging's RPC client and AMQP driver build it: {@code method}, {@code args}, optional
 * {@code namespace} and {@code version} ({@code RPCClient._make_message}); for a call {@code _msg_id},
 * {@code _reply_q} and {@code _timeout} (the call-monitor timeout in seconds, null without one); then
 * {@code _unique_id}, then the context's {@code _context_*} keys ({@code AMQPDriverBase._send}), in that order.
 *
 * <p>A message read from the broker is a peer's and is checked, as is one built here, before anything acts on it:
 * the keys oslo writes as strings must be strings, a method is a Python identifier, ids and queue names are the
 * plain tokens oslo makes ({@code uuid4().hex}, {@code reply_<hex>}), a call names its reply queue, and
 * {@code _timeout} is a whole number of seconds, not negative. Refusals name the key, never the value.
 *
 * @param msgId   null for a cast
 * @param timeout {@code _timeout} seconds, only meaningful for a call
 */
public record RpcMessage(String method, ObjectNode args, String namespace, String version, String msgId,
                         String replyQ, Integer timeout, String uniqueId, RequestContext context) {

    /** A Python identifier, as every oslo endpoint method is. */
    private static final Pattern METHOD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern VERSION = Pattern.compile("[0-9]{1,4}(\\.[0-9]{1,4}){0,2}");
    /** oslo's ids ({@code uuid4().hex}) and anything alike: no spaces, no control characters. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    /** An AMQP queue name as oslo makes them ({@code reply_<hex>}), at most 255 characters. */
    private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9_.:-]{1,255}");

    public RpcMessage {
        if (method == null || method.isEmpty()) {
            throw new MalformedMessage("a message has no method");
        }
        check("method", method, METHOD, "a method name (a Python identifier, at most 128 characters)");
        check("namespace", namespace, METHOD, "a namespace (a Python identifier)");
        check("version", version, VERSION, "an API version like 6.0");
        check("_msg_id", msgId, ID, "a message id (1-128 of [A-Za-z0-9_-])");
        check("_reply_q", replyQ, QUEUE, "a queue name (1-255 of [A-Za-z0-9_.:-])");
        check("_unique_id", uniqueId, ID, "a unique id (1-128 of [A-Za-z0-9_-])");
        if (msgId != null && replyQ == null) {
            throw new MalformedMessage("a call (with _msg_id) has no _reply_q to answer to");
        }
        if (timeout != null && timeout < 0) {
            throw new MalformedMessage("a message's _timeout is negative");
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
        return new RpcMessage(text(m, "method"), args.isObject() ? (ObjectNode) args : null, text(m, "namespace"),
                text(m, "version"), text(m, "_msg_id"), text(m, "_reply_q"), seconds(m, "_timeout"),
                text(m, "_unique_id"), RequestContext.unpack(m));
    }

    private static void check(String key, String value, Pattern pattern, String expected) {
        if (value != null && !pattern.matcher(value).matches()) {
            throw new MalformedMessage("a message's " + key + " is not " + expected);
        }
    }

    /** A whole number of seconds that fits an int, or null when absent or JSON null. */
    private static Integer seconds(ObjectNode m, String key) {
        JsonNode v = m.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new MalformedMessage("a message's " + key + " is not a whole number of seconds");
        }
        return v.intValue();
    }

    /** Parses an AMQP body. */
    public static RpcMessage fromBody(String body) {
        return fromJson(Envelope.unwrap(body));
    }

    /** The string under {@code key}, or null when absent or JSON null; any other type is refused. */
    static String text(ObjectNode m, String key) {
        JsonNode v = m.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new MalformedMessage("a message's " + key + " is not a JSON string");
        }
        return v.asText();
    }

    /** Method and ids only: arguments are not for logs. */
    @Override
    public String toString() {
        return (isCall() ? "CALL " : "CAST ") + method + " msg_id=" + msgId + " unique_id=" + uniqueId + " " + context;
    }
}
