package dev.novalibvirt.conformance.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.novalibvirt.conformance.bench.MessageTap.Event;
import dev.novalibvirt.conformance.bench.MessageTap.Kind;
import dev.novalibvirt.rpc.wire.RequestContext;
import dev.novalibvirt.rpc.wire.RpcMessage;
import dev.novalibvirt.rpc.wire.RpcReply;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A migration's RPC as the controller's tap saw it: round trips per method and messages counted. */
class RpcTraceTest {
    private static final long MS = 1_000_000L;

    private static String call(String method, String msgId, String uniqueId) {
        return new RpcMessage(method, JsonNodeFactory.instance.objectNode(), null, "6.0", msgId, "reply_q", 60,
                uniqueId, RequestContext.empty()).toBody();
    }

    private static String reportedCast(String method, String reportId, String uniqueId) {
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.putObject("report_to").put("reply_q", "reply_q").put("msg_id", reportId).put("timeout", 60);
        return new RpcMessage(method, args, null, "6.0", null, null, null, uniqueId, RequestContext.empty()).toBody();
    }

    @Test
    void eachRequestIsTimedFromItsPublishToItsFinalReplyAndEveryMessageIsCounted() {
        List<Event> events = List.of(
                new Event(0, Kind.SENT, "compute.host-b", call("pre_live_migration", "m1", "u1")),
                new Event(3 * MS, Kind.RECEIVED, "reply_q", RpcReply.heartbeat("m1", "h1").toBody()),
                new Event(5 * MS, Kind.RECEIVED, "reply_q", RpcReply.result(null, "m1", "r1").toBody()),
                new Event(6 * MS, Kind.SENT, "compute-alt.host-a", reportedCast("live_migration", "rep", "u2")),
                new Event(7 * MS, Kind.RETURNED, "compute-alt.host-a", reportedCast("live_migration", "rep", "u2")),
                new Event(8 * MS, Kind.SENT, "compute-alt.host-a", reportedCast("live_migration", "rep", "u2")),
                new Event(2006 * MS, Kind.RECEIVED, "reply_q", RpcReply.result(null, "rep", "r2").toBody()),
                new Event(2007 * MS, Kind.SENT, "compute.host-a", call("get_info", "m3", "u3")),
                new Event(2008 * MS, Kind.RECEIVED, "reply_q", RpcReply.failure("{}", "m3", "r3").toBody()));

        RpcTrace t = RpcTrace.of(events);

        assertThat(t.roundTripsMs()).containsOnlyKeys("pre_live_migration", "live_migration", "get_info");
        assertThat(t.roundTripsMs().get("pre_live_migration")).containsExactly(5.0);
        assertThat(t.roundTripsMs().get("live_migration")).as("from the first publish, resends included")
                .containsExactly(2000.0);
        assertThat(t.roundTripsMs().get("get_info")).as("a failure ends the call too").containsExactly(1.0);
        assertThat(t.sent()).isEqualTo(4);
        assertThat(t.received()).isEqualTo(4);
        assertThat(t.heartbeats()).isEqualTo(1);
        assertThat(t.returned()).isEqualTo(1);
        assertThat(t.messages()).isEqualTo(8);
    }

    @Test
    void bodiesThatAreNotOsloMessagesAreCountedButNotMatched() {
        RpcTrace t = RpcTrace.of(List.of(new Event(0, Kind.SENT, "x", "not json"),
                new Event(1, Kind.RECEIVED, "reply_q", "{}")));
        assertThat(t.roundTripsMs()).isEmpty();
        assertThat(t.messages()).isEqualTo(2);
    }
}
