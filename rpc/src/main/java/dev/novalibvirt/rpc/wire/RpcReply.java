package dev.novalibvirt.rpc.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.novalibvirt.rpc.MalformedMessage;

/**
 * A reply as oslo's {@code AMQPIncomingMessage._send_reply} sends it to the caller's reply queue: {@code result},
 * {@code failure} (the JSON string of {@code serialize_remote_exception}, or null), {@code ending}, {@code _msg_id},
 * {@code _unique_id}. A heartbeat is a reply with neither result nor failure and {@code ending} false: it renews the
 * caller's call-monitor timer.
 */
public record RpcReply(JsonNode result, String failure, boolean ending, String msgId, String uniqueId) {

    public RpcReply {
        result = result == null ? NullNode.getInstance() : result;
    }

    public static RpcReply result(JsonNode result, String msgId, String uniqueId) {
        return new RpcReply(result, null, true, msgId, uniqueId);
    }

    public static RpcReply failure(String failureJson, String msgId, String uniqueId) {
        return new RpcReply(null, failureJson, true, msgId, uniqueId);
    }

    public static RpcReply heartbeat(String msgId, String uniqueId) {
        return new RpcReply(null, null, false, msgId, uniqueId);
    }

    public boolean isHeartbeat() {
        return !ending && failure == null && result.isNull();
    }

    public ObjectNode toJson() {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.set("result", result);
        m.put("failure", failure);
        m.put("ending", ending);
        m.put("_msg_id", msgId);
        m.put("_unique_id", uniqueId);
        return m;
    }

    public String toBody() {
        return Envelope.wrap(toJson());
    }

    public static RpcReply fromBody(String body) {
        ObjectNode m = Envelope.unwrap(body);
        if (!m.has("_msg_id")) {
            throw new MalformedMessage("a reply has no _msg_id");
        }
        return new RpcReply(m.get("result"), RpcMessage.text(m, "failure"), m.path("ending").asBoolean(false),
                RpcMessage.text(m, "_msg_id"), RpcMessage.text(m, "_unique_id"));
    }

    @Override
    public String toString() {
        return (isHeartbeat() ? "HEARTBEAT" : failure != null ? "FAILURE" : "RESULT") + " msg_id=" + msgId;
    }
}
