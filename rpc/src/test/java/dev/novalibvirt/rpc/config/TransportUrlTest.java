package dev.novalibvirt.rpc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.rpc.InvalidTransportURL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransportUrlTest {
    private static final String PASSWORD = "S3cr3t-P4ss";

    @Test
    void oneBrokerWithCredentialsAndVhost() {
        TransportUrl url = TransportUrl.parse("rabbit://nova:" + PASSWORD + "@198.18.0.1:5672/nova");
        assertThat(url.hosts()).containsExactly(new TransportUrl.Host("198.18.0.1", 5672, "nova", PASSWORD));
        assertThat(url.virtualHost()).isEqualTo("nova");
        assertThat(url.toString()).isEqualTo("rabbit://nova:***@198.18.0.1:5672/nova").doesNotContain(PASSWORD);
        assertThat(url.hosts().get(0).toString()).doesNotContain(PASSWORD);
    }

    @Test
    void severalBrokersDefaultPortDefaultVhostAndQuery() {
        TransportUrl url = TransportUrl.parse("rabbit://u:p@h1,u:p@[fd00::2]:5673/?a=1&a=2&b=x");
        assertThat(url.hosts()).extracting(TransportUrl.Host::hostname).containsExactly("h1", "[fd00::2]");
        assertThat(url.hosts()).extracting(TransportUrl.Host::port).containsExactly(5672, 5673);
        assertThat(url.virtualHost()).isEqualTo("/");
        assertThat(url.query()).isEqualTo(Map.of("a", "1,2", "b", "x"));
        assertThat(TransportUrl.parse("rabbit://h").virtualHost()).isEqualTo("/");
    }

    @Test
    void credentialsAndVhostArePercentDecodedAndAPlusStaysAPlus() {
        TransportUrl url = TransportUrl.parse("rabbit://no%40va:a%2Fb+c%3A@h:1/%2F");
        assertThat(url.hosts().get(0).username()).isEqualTo("no@va");
        assertThat(url.hosts().get(0).password()).isEqualTo("a/b+c:");
        assertThat(url.virtualHost()).isEqualTo("/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nova:S3cr3t-P4ss@h:5672", "amqp://nova:S3cr3t-P4ss@h/", "rabbit://nova:S3cr3t-P4ss@h:S3cr3t-P4ss/",
            "rabbit://nova:S3cr3t-P4ss@h:0/", "rabbit://nova:S3cr3t-P4ss@/", "rabbit://nova:S3cr3t-P4ss%zz@h/",
            "rabbit://nova:S3cr3t-P4ss@h o/"})
    void badUrlsAreTypedAndNeverQuoteThePassword(String bad) {
        assertThatThrownBy(() -> TransportUrl.parse(bad)).isInstanceOf(InvalidTransportURL.class)
                .isInstanceOf(InvalidConfiguration.class).hasMessageStartingWith("[DEFAULT] transport_url is invalid")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void optionsHaveOslosAndNovasDefaults() {
        RpcOptions o = RpcOptions.parse("[DEFAULT]\nhost = host-a\ntransport_url = rabbit://n:p@h/\n");
        assertThat(o.host()).isEqualTo("host-a");
        assertThat(o.rpcResponseTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.longRpcTimeout()).isEqualTo(Duration.ofSeconds(1800));
        assertThat(o.rabbit()).isEqualTo(RabbitOptions.defaults());
        assertThat(o.toString()).doesNotContain("n:p@");
    }

    @Test
    void optionsAreReadFromNovaConf() {
        RpcOptions o = RpcOptions.parse("[DEFAULT]\ntransport_url = rabbit://n:p$$w@h:5672/nova\n"
                + "rpc_response_timeout = 5\nlong_rpc_timeout = 120\n[oslo_messaging_rabbit]\n"
                + "rabbit_transient_queues_ttl = 0\namqp_durable_queues = yes\n");
        assertThat(o.transportUrl().hosts().get(0).password()).isEqualTo("p$w");
        assertThat(o.rpcResponseTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.longRpcTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(o.rabbit().transientQueuesTtl()).isZero();
        assertThat(o.rabbit().durableQueues()).isTrue();
        assertThat(o.host()).isNotEmpty();
    }

    @Test
    void missingOrBadOptionsAreConfigurationErrorsWithoutThePassword() {
        assertThatThrownBy(() -> RpcOptions.parse("[DEFAULT]\nhost = a\n")).isInstanceOf(InvalidTransportURL.class)
                .hasMessageContaining("not set");
        assertThatThrownBy(() -> RpcOptions.parse("[DEFAULT]\ntransport_url = rabbit://n:pa$secretpart@h/\n"))
                .isInstanceOf(InvalidTransportURL.class).hasMessageNotContaining("secretpart");
        assertThatThrownBy(() -> RpcOptions.parse("[DEFAULT]\ntransport_url = rabbit://h/\nrpc_response_timeout = 0\n"))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("rpc_response_timeout");
        assertThatThrownBy(() -> RpcOptions.parse("[DEFAULT]\ntransport_url = rabbit://h/\n[oslo_messaging_rabbit]\n"
                + "amqp_auto_delete = maybe\n")).isInstanceOf(InvalidConfiguration.class);
        assertThat(List.of(RpcOptions.parse("[DEFAULT]\ntransport_url = rabbit://h/\n").rabbit().autoDelete()))
                .containsExactly(false);
    }
}
