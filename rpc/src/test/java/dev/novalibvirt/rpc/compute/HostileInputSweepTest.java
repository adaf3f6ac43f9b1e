package dev.novalibvirt.rpc.compute;

import static dev.novalibvirt.core.sweep.HostileInput.CEPHX_KEY;
import static dev.novalibvirt.core.sweep.HostileInput.RABBIT_PASSWORD;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.core.sweep.HostileInput;
import dev.novalibvirt.core.sweep.HostileInput.Outcome;
import dev.novalibvirt.rpc.InMemoryTransport;
import dev.novalibvirt.rpc.MessagingException;
import dev.novalibvirt.rpc.client.RpcClient;
import dev.novalibvirt.rpc.config.RabbitOptions;
import dev.novalibvirt.rpc.config.RabbitSsl;
import dev.novalibvirt.rpc.config.RpcOptions;
import dev.novalibvirt.rpc.config.TransportUrl;
import dev.novalibvirt.rpc.transport.AmqpTransport;
import dev.novalibvirt.rpc.transport.Target;
import dev.novalibvirt.rpc.wire.IdSource;
import dev.novalibvirt.rpc.wire.RequestContext;
import dev.novalibvirt.rpc.wire.RpcMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 15 part 2 for {@code rpc}: bodies a broker may deliver (a peer's, a careless or hostile one) and transport
 * URLs an operator may write. A body must be refused with a typed {@code MessagingException} (oslo's family, kept
 * apart from Nova's), a URL with {@code InvalidTransportURL}; neither may show the RabbitMQ password or a key.
 */
class HostileInputSweepTest {
    private static final List<Outcome> OUTCOMES = Collections.synchronizedList(new ArrayList<>());
    private static final String MSG = "{\"method\": \"get_info\", \"args\": {}, \"version\": \"6.0\", "
            + "\"_msg_id\": \"bbbb\", \"_reply_q\": \"reply_aaaa\", \"_timeout\": %s, \"_unique_id\": \"cccc\"}";
    private static final InMemoryTransport BROKER = new InMemoryTransport();
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool();
    private static final ScheduledExecutorService HEARTBEATS = Executors.newSingleThreadScheduledExecutor();
    private static RpcClient client;

    @BeforeAll
    static void agent() {
        new AgentDispatcher(new RecordingDriver("host-a"), BROKER, WORKERS, HEARTBEATS, IdSource.random()).serve();
        client = new RpcClient(BROKER, IdSource.random(), Clock.systemUTC());
    }

    @AfterAll
    static void summary() throws IOException {
        client.close();
        WORKERS.shutdownNow();
        HEARTBEATS.shutdownNow();
        HostileInput.report("rpc", OUTCOMES);
    }

    private static String enveloped(String message) {
        return "{\"oslo.version\": \"2.0\", \"oslo.message\": " + JsonNodeFactory.instance.textNode(message) + "}";
    }

    private static void body(String body) {
        RpcMessage.fromBody(body);
    }

    /** A call from the controller's client to host-a's agent: the agent's refusal comes back typed. */
    private static void callAgent(String method) {
        client.call(Target.server(ComputeRpcMethod.EXCHANGE, "compute", "host-a"), RequestContext.newRequest(), method,
                JsonNodeFactory.instance.objectNode(), ComputeRpcMethod.VERSION, Duration.ofSeconds(5), null);
    }

    static HostileInput messages() {
        HostileInput s = new HostileInput("rpc.message", MessagingException.class);
        s.add("body null", "body", () -> body(null));
        s.add("body empty", "body", () -> body(""));
        s.add("body not JSON", "body", () -> body("get_info please"));
        s.add("body a JSON array", "object", () -> body("[]"));
        s.add("body JSON null", "object", () -> body("null"));
        s.add("envelope with trailing garbage", "body", () -> body(enveloped(String.format(MSG, "60")) + " garbage"));
        s.add("two envelopes in one body", "body", () -> body(enveloped(String.format(MSG, "60"))
                + enveloped(String.format(MSG, "60"))));
        s.add("oslo.message with trailing garbage", "oslo.message",
                () -> body(enveloped(String.format(MSG, "60") + " {\"method\": \"x\"}")));
        s.add("oslo.message not a string", "oslo.message",
                () -> body("{\"oslo.version\": \"2.0\", \"oslo.message\": {\"method\": \"get_info\"}}"));
        s.add("oslo.version a number", "oslo.version",
                () -> body("{\"oslo.version\": 2.0, \"oslo.message\": \"{}\"}"));
        s.add("oslo.version 3.0", "version", () -> body("{\"oslo.version\": \"3.0\", \"oslo.message\": \"{}\"}"));
        s.add("duplicate method key", "duplicate",
                () -> body(enveloped("{\"method\": \"get_info\", \"method\": \"live_migration\"}")));
        s.add("body of 2 MiB", "body", () -> body(enveloped("{\"method\": \"get_info\", \"args\": {\"x\": \""
                + "a".repeat(2 << 20) + "\"}}")));
        s.add("args nested 5000 deep", "oslo.message", () -> body(enveloped("{\"method\": \"get_info\", \"args\": {\"x\": "
                + "[".repeat(5000) + "]".repeat(5000) + "}}")));
        s.add("method missing", "method", () -> body(enveloped("{\"args\": {}}")));
        s.add("method a number", "method", () -> body(enveloped("{\"method\": 5}")));
        s.add("method an object", "method", () -> body(enveloped("{\"method\": {\"a\": 1}}")));
        s.add("method with a newline", "method", () -> body(enveloped("{\"method\": \"get_info\\nFAKE LOG LINE\"}")));
        s.add("method 300 characters", "method", () -> body(enveloped("{\"method\": \"" + "m".repeat(300) + "\"}")));
        s.add("method a cephx key", "method", () -> body(enveloped("{\"method\": \"" + CEPHX_KEY + "\"}")));
        s.add("args an array", "args", () -> body(enveloped("{\"method\": \"get_info\", \"args\": []}")));
        s.add("args a string", "args", () -> body(enveloped("{\"method\": \"get_info\", \"args\": \"x\"}")));
        s.add("_timeout a string", "_timeout", () -> body(enveloped(String.format(MSG, "\"abc\""))));
        s.add("_timeout 1e20", "_timeout", () -> body(enveloped(String.format(MSG, "100000000000000000000"))));
        s.add("_timeout -5", "_timeout", () -> body(enveloped(String.format(MSG, "-5"))));
        s.add("_timeout 1.5", "_timeout", () -> body(enveloped(String.format(MSG, "1.5"))));
        s.add("_msg_id a number", "_msg_id", () -> body(enveloped(String.format(MSG, "60")
                .replace("\"bbbb\"", "7"))));
        s.add("_msg_id with a newline", "_msg_id", () -> body(enveloped(String.format(MSG, "60")
                .replace("\"bbbb\"", "\"bb\\nbb\""))));
        s.add("call without _reply_q", "_reply_q", () -> body(enveloped(String.format(MSG, "60")
                .replace("\"_reply_q\": \"reply_aaaa\", ", ""))));
        s.add("_reply_q with a space", "_reply_q", () -> body(enveloped(String.format(MSG, "60")
                .replace("reply_aaaa", "reply aaaa"))));
        s.add("_unique_id an object", "_unique_id", () -> body(enveloped(String.format(MSG, "60")
                .replace("\"cccc\"", "{}"))));
        s.add("version a number", "version", () -> body(enveloped(String.format(MSG, "60")
                .replace("\"6.0\"", "6.0"))));
        s.add("namespace with a newline", "namespace",
                () -> body(enveloped("{\"method\": \"get_info\", \"namespace\": \"a\\nb\"}")));
        s.add("RpcMessage method null", "method",
                () -> new RpcMessage(null, null, null, null, null, null, null, "u", null));
        s.add("RpcMessage timeout -1", "_timeout",
                () -> new RpcMessage("get_info", null, null, null, "m", "reply_q", -1, "u", null));
        s.add("call of an unknown method", "method", () -> callAgent("no_such_method"));
        s.add("call of a method with a newline", "method", () -> callAgent("get_info\nFAKE"));
        s.add("AmqpTransport.connect to a closed port", "127.0.0.1", () -> AmqpTransport.connect(TransportUrl.parse(
                "rabbit://nova:" + RABBIT_PASSWORD + "@127.0.0.1:1/"), RabbitOptions.defaults(), "sweep"));
        return s;
    }

    static HostileInput transportUrls() {
        HostileInput s = new HostileInput("rpc.transport_url", NovaException.class);
        String pw = RABBIT_PASSWORD;
        s.add("transport_url null", "transport_url", () -> TransportUrl.parse(null));
        s.add("password before the scheme", "transport_url", () -> TransportUrl.parse("nova:" + pw + "@rabbit://h/"));
        s.add("scheme amqp with a password", "transport_url", () -> TransportUrl.parse("amqp://nova:" + pw + "@h/"));
        s.add("port not a number", "port", () -> TransportUrl.parse("rabbit://nova:" + pw + "@h:" + pw + "/"));
        s.add("port 70000", "port", () -> TransportUrl.parse("rabbit://nova:" + pw + "@h:70000/"));
        s.add("host with a space", "host", () -> TransportUrl.parse("rabbit://nova:" + pw + "@h x:5672/"));
        s.add("host $(reboot)", "host", () -> TransportUrl.parse("rabbit://nova:" + pw + "@$(reboot):5672/"));
        s.add("password with a bad %-escape", "password", () -> TransportUrl.parse("rabbit://nova:" + pw
                + "%zz@h/"));
        s.add("no host", "host", () -> TransportUrl.parse("rabbit://nova:" + pw + "@/"));
        s.add("hosts with different passwords", "password", () -> AmqpTransport.connect(TransportUrl.parse(
                "rabbit://nova:" + pw + "@h1,nova:other@h2/"), RabbitOptions.defaults(), "sweep"));
        s.add("virtual host with a newline", "virtual host",
                () -> TransportUrl.parse("rabbit://nova:" + pw + "@h/nova%0Ahost"));
        s.add("scheme amqps with a password", "ssl = true", () -> TransportUrl.parse("amqps://nova:" + pw + "@h/"));
        s.add("ssl_version holding the password", "ssl_version", () -> RpcOptions.parse(
                "[DEFAULT]\ntransport_url = rabbit://h/\n[oslo_messaging_rabbit]\nssl = true\nssl_version = " + pw));
        s.add("ssl_cert_file without ssl_key_file", "ssl_key_file", () -> RpcOptions.parse(
                "[DEFAULT]\ntransport_url = rabbit://h/\n[oslo_messaging_rabbit]\nssl = true\nssl_cert_file = /c.pem"));
        s.add("ssl_ca_file with a NUL", "ssl_ca_file", () -> RabbitSsl.of(true, "/ca\0.pem", null, null, ""));
        s.add("ssl_ca_file that is no PEM", "ssl_ca_file", () -> AmqpTransport.connect(TransportUrl.parse(
                "rabbit://nova:" + pw + "@127.0.0.1:1/"), RabbitOptions.defaults().withSsl(RabbitSsl.of(true,
                "/etc/hostname", null, null, "")), "sweep"));
        return s;
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedTypedAndClear() {
        return HostileInput.dynamicTests(OUTCOMES, messages(), transportUrls());
    }
}
