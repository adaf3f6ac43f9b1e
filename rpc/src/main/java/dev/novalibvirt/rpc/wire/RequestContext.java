package dev.novalibvirt.rpc.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

/**
 * The request context that travels with a message, packed as oslo's {@code pack_context} does: every key becomes a
 * top-level {@code _context_<key>} of the message. Nova's full RequestContext (user, project, roles, auth token) is
 * the controller's business; this library sends the request id only, so no token ever travels.
 */
public record RequestContext(ObjectNode values) {
    static final String PREFIX = "_context_";

    public RequestContext {
        values = values.deepCopy();
    }

    /** A context naming one request, as Nova's {@code req-<uuid>}. */
    public static RequestContext forRequest(String requestId) {
        ObjectNode v = JsonNodeFactory.instance.objectNode();
        v.put("request_id", requestId);
        return new RequestContext(v);
    }

    /** A context with a fresh Nova-style request id. */
    public static RequestContext newRequest() {
        return forRequest("req-" + UUID.randomUUID());
    }

    public static RequestContext empty() {
        return new RequestContext(JsonNodeFactory.instance.objectNode());
    }

    /** The {@code request_id}, or null. */
    public String requestId() {
        JsonNode id = values.get("request_id");
        return id == null || id.isNull() ? null : id.asText();
    }

    /** Adds {@code _context_<key>} entries to {@code message}, in the context's key order. */
    void packInto(ObjectNode message) {
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            message.set(PREFIX + e.getKey(), e.getValue());
        }
    }

    /** oslo's {@code unpack_context}: the {@code _context_} keys of a message. */
    static RequestContext unpack(ObjectNode message) {
        ObjectNode v = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = message.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith(PREFIX)) {
                v.set(e.getKey().substring(PREFIX.length()), e.getValue());
            }
        }
        return new RequestContext(v);
    }

    /** Only the request id: context values are not for logs. */
    @Override
    public String toString() {
        return "RequestContext[request_id=" + requestId() + "]";
    }
}
