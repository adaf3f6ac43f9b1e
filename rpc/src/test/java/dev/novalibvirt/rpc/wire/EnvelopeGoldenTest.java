package dev.novalibvirt.rpc.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.rpc.InMemoryTransport;
import dev.novalibvirt.rpc.MalformedMessage;
import dev.novalibvirt.rpc.MessagingTimeout;
import dev.novalibvirt.rpc.Samples;
import dev.novalibvirt.rpc.client.RpcClient;
import dev.novalibvirt.rpc.codec.ContractJson;
import dev.novalibvirt.rpc.codec.FailureCodec;
import dev.novalibvirt.rpc.transport.Target;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bytes on the wire against what oslo.messaging builds, worked out from its code: {@code RPCClient._make_message}
 * ({@code method}, {@code args}, then {@code version}), {@code AMQPDriverBase._send} ({@code _msg_id}, {@code _reply_q},
 * {@code _timeout} for calls, then {@code _unique_id} from {@code _add_unique_id}, then {@code pack_context}'s
 * {@code _context_*}), {@code serialize_msg} (the envelope, message as a {@code jsonutils.dumps} string), kombu's
 * JSON body (Python's {@code json.dumps}: {@code ", "} and {@code ": "}); replies from
 * {@code AMQPIncomingMessage._send_reply} ({@code result}, {@code failure}, {@code ending}, {@code _msg_id},
 * {@code _unique_id}) and failures from {@code serialize_remote_exception}.
 */
class EnvelopeGoldenTest {
    private static final String INSTANCE_JSON = "{\"uuid\": \"6f1c9d0a-3b2e-4c5d-8e7f-0a1b2c3d4e5f\", "
            + "\"name\": \"instance-0000002a\", \"memory_mb\": 512, \"vcpus\": 1, \"root_gb\": 1, "
            + "\"image_ref\": \"0f8e7d6c-5b4a-4938-8271-605f4e3d2c1b\"}";
    private final InMemoryTransport broker = new InMemoryTransport();

    @AfterEach
    void stop() {
        broker.close();
    }

    /** Fixed ids in the order the client draws them. */
    private static IdSource ids(String... values) {
        Iterator<String> it = List.of(values).iterator();
        return it::next;
    }

    /** How Python's json.dumps writes a str holding ASCII JSON: quotes and backslashes escaped. */
    private static String pyString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String envelope(String message) {
        return "{\"oslo.version\": \"2.0\", \"oslo.message\": " + pyString(message) + "}";
    }

    @Test
    void aCallIsWhatOsloSendsForAServerTarget() {
        RpcClient client = new RpcClient(broker, ids("aaaa", "bbbb", "cccc"), Clock.systemUTC());
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.set("instance", ContractJson.encode(Samples.INSTANCE));
        assertThatThrownBy(() -> client.call(Target.server("nova", "compute", "host-b"),
                RequestContext.forRequest("req-1"), "get_info", args, "6.0", Duration.ofMillis(100), null))
                .isInstanceOf(MessagingTimeout.class).hasMessageContaining("bbbb");

        InMemoryTransport.Published p = broker.published().get(0);
        assertThat(p.exchange()).isEqualTo("nova");
        assertThat(p.routingKey()).isEqualTo("compute.host-b");
        assertThat(p.expiration()).isEqualTo(Duration.ofMillis(100));
        assertThat(p.body()).isEqualTo(envelope("{\"method\": \"get_info\", \"args\": {\"instance\": "
                + INSTANCE_JSON + "}, \"version\": \"6.0\", \"_msg_id\": \"bbbb\", \"_reply_q\": \"reply_aaaa\", "
                + "\"_timeout\": null, \"_unique_id\": \"cccc\", \"_context_request_id\": \"req-1\"}"));
    }

    @Test
    void aLongCallCarriesItsCallMonitorTimeout() {
        RpcClient client = new RpcClient(broker, ids("aaaa", "bbbb", "cccc"), Clock.systemUTC());
        assertThatThrownBy(() -> client.call(Target.server("nova", "compute-alt", "host-b"), RequestContext.empty(),
                "pre_live_migration", JsonNodeFactory.instance.objectNode(), "6.0", Duration.ofMillis(100),
                Duration.ofSeconds(60))).isInstanceOf(MessagingTimeout.class);
        assertThat(broker.published().get(0).body()).isEqualTo(envelope("{\"method\": \"pre_live_migration\", "
                + "\"args\": {}, \"version\": \"6.0\", \"_msg_id\": \"bbbb\", \"_reply_q\": \"reply_aaaa\", "
                + "\"_timeout\": 60, \"_unique_id\": \"cccc\"}"));
    }

    @Test
    void aCastHasNoReplyKeys() {
        RpcClient client = new RpcClient(broker, ids("dddd"), Clock.systemUTC());
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.set("instance", ContractJson.encode(Samples.INSTANCE));
        client.cast(Target.server("nova", "compute", "host-a"), RequestContext.forRequest("req-2"),
                "live_migration_force_complete", args, "6.0");
        InMemoryTransport.Published p = broker.published().get(0);
        assertThat(p.routingKey()).isEqualTo("compute.host-a");
        assertThat(p.expiration()).isNull();
        assertThat(p.body()).isEqualTo(envelope("{\"method\": \"live_migration_force_complete\", \"args\": "
                + "{\"instance\": " + INSTANCE_JSON + "}, \"version\": \"6.0\", \"_unique_id\": \"dddd\", "
                + "\"_context_request_id\": \"req-2\"}"));
    }

    @Test
    void aFanoutGoesToTheTopicsFanoutExchange() {
        RpcClient client = new RpcClient(broker, ids("eeee"), Clock.systemUTC());
        client.cast(Target.fanout("nova", "compute"), RequestContext.empty(), "m", null, null);
        assertThat(broker.published().get(0).exchange()).isEqualTo("compute_fanout");
        assertThat(broker.published().get(0).body())
                .isEqualTo(envelope("{\"method\": \"m\", \"args\": {}, \"_unique_id\": \"eeee\"}"));
    }

    @Test
    void repliesHaveOslosShapes() {
        assertThat(RpcReply.result(ContractJson.encode(true), "bbbb", "ffff").toBody()).isEqualTo(envelope(
                "{\"result\": true, \"failure\": null, \"ending\": true, \"_msg_id\": \"bbbb\", \"_unique_id\": \"ffff\"}"));
        assertThat(RpcReply.heartbeat("bbbb", "1111").toBody()).isEqualTo(envelope(
                "{\"result\": null, \"failure\": null, \"ending\": false, \"_msg_id\": \"bbbb\", \"_unique_id\": \"1111\"}"));
    }

    @Test
    void aFailureReplyCarriesSerializeRemoteExceptionsString() {
        MigrationPreCheckError e = new MigrationPreCheckError("bridge br-lab is missing on host-b");
        e.setStackTrace(new StackTraceElement[0]);
        String failure = "{\"class\": \"MigrationPreCheckError\", \"module\": \"nova.exception\", \"message\": "
                + "\"bridge br-lab is missing on host-b\", \"tb\": [\"dev.novalibvirt.core.exception."
                + "MigrationPreCheckError: bridge br-lab is missing on host-b\\n\"], \"args\": [\"bridge br-lab is "
                + "missing on host-b\"], \"kwargs\": {\"code\": 500}}";
        assertThat(FailureCodec.encode(e)).isEqualTo(failure);
        assertThat(RpcReply.failure(FailureCodec.encode(e), "bbbb", "2222").toBody()).isEqualTo(envelope(
                "{\"result\": null, \"failure\": " + pyString(failure) + ", \"ending\": true, \"_msg_id\": \"bbbb\", "
                        + "\"_unique_id\": \"2222\"}"));
    }

    @Test
    void aMessageReadsBackWithItsContextUnpacked() {
        RpcMessage m = new RpcMessage("get_info", null, null, "6.0", "bbbb", "reply_aaaa", 60, "cccc",
                RequestContext.forRequest("req-1"));
        RpcMessage back = RpcMessage.fromBody(m.toBody());
        assertThat(back.toJson()).isEqualTo(m.toJson());
        assertThat(back.context().requestId()).isEqualTo("req-1");
        assertThat(back.toString()).doesNotContain("args");
    }

    @Test
    void envelopesAreReadAsLiberallyAsOslo() {
        assertThat(Envelope.unwrap("{\"method\": \"m\", \"args\": {}}").get("method").asText()).isEqualTo("m");
        assertThat(Envelope.compatible("2.0")).isTrue();
        assertThat(Envelope.compatible("2.1")).isFalse();
        assertThatThrownBy(() -> Envelope.unwrap("{\"oslo.version\": \"3.0\", \"oslo.message\": \"{}\"}"))
                .isInstanceOf(MalformedMessage.class).hasMessageContaining("3.0");
        assertThatThrownBy(() -> Envelope.unwrap("[1]")).isInstanceOf(MalformedMessage.class);
        assertThatThrownBy(() -> RpcReply.fromBody("{\"result\": 1}")).isInstanceOf(MalformedMessage.class);
    }
}
