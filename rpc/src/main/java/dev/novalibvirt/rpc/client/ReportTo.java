package dev.novalibvirt.rpc.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.novalibvirt.rpc.MalformedMessage;

/**
 * Where an agent reports a cast's outcome: the {@code report_to} argument {@link RpcClient#castWithReport} adds.
 * Not in Nova (whose casts report through the Migration record in its database); kept in the args so the rest of
 * the message stays oslo's.
 *
 * @param replyQ  the caller's reply queue
 * @param msgId   the id the report carries as {@code _msg_id}
 * @param timeout the caller's call-monitor timeout in seconds (heartbeat every half of it), or null
 */
public record ReportTo(String replyQ, String msgId, Integer timeout) {
    public static final String ARG = "report_to";

    /** Takes {@code report_to} out of {@code args}; null when the cast has none. */
    public static ReportTo remove(ObjectNode args) {
        JsonNode r = args.remove(ARG);
        if (r == null || r.isNull()) {
            return null;
        }
        if (!r.hasNonNull("reply_q") || !r.hasNonNull("msg_id")) {
            throw new MalformedMessage("report_to needs reply_q and msg_id");
        }
        JsonNode t = r.path("timeout");
        return new ReportTo(r.get("reply_q").asText(), r.get("msg_id").asText(),
                t.isNumber() ? Integer.valueOf(t.asInt()) : null);
    }
}
