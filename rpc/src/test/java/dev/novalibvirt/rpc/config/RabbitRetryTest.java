package dev.novalibvirt.rpc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.InvalidConfiguration;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Reconnecting after the broker went away backs off as kombu's {@code ensure_connection} does with oslo's options, and
 * the options are read from nova.conf under oslo's names and defaults.
 */
class RabbitRetryTest {

    @Test
    void reconnectsBackOffLinearlyFromOneSecondByTwoUpToThirtyByDefault() {
        RabbitRetry retry = RabbitRetry.defaults();
        assertThat(IntStream.range(0, 18).mapToLong(a -> retry.reconnectDelay(a).toSeconds()).toArray())
                .containsExactly(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 30, 30, 30);
        assertThat(retry.reconnectDelay(Integer.MAX_VALUE)).as("no overflow far out").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void withoutBackoffEveryAttemptWaitsTheInterval() {
        RabbitRetry retry = new RabbitRetry(Duration.ofSeconds(2), Duration.ZERO, Duration.ofSeconds(30),
                Duration.ofSeconds(60));
        assertThat(retry.reconnectDelay(0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(retry.reconnectDelay(1000)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aMaximumBelowTheIntervalCapsEveryAttempt() {
        RabbitRetry retry = new RabbitRetry(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofSeconds(60));
        assertThat(retry.reconnectDelay(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(retry.reconnectDelay(3)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void novaConfSetsThemUnderOslosNames() {
        RpcOptions o = RpcOptions.parse("""
                [DEFAULT]
                host = compute-1
                transport_url = rabbit://nova:pw@rabbit-1:5672/nova
                [oslo_messaging_rabbit]
                rabbit_retry_interval = 2
                rabbit_retry_backoff = 0
                rabbit_interval_max = 10
                kombu_missing_consumer_retry_timeout = 20
                """);
        assertThat(o.rabbit().retry()).isEqualTo(new RabbitRetry(Duration.ofSeconds(2), Duration.ZERO,
                Duration.ofSeconds(10), Duration.ofSeconds(20)));
    }

    @Test
    void novaConfWithoutThemHasOslosDefaults() {
        RpcOptions o = RpcOptions.parse("[DEFAULT]\nhost = compute-1\ntransport_url = rabbit://nova:pw@rabbit-1/\n");
        assertThat(o.rabbit().retry()).isEqualTo(RabbitRetry.defaults());
        assertThat(o.rabbit().retry().missingConsumerRetryTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aRetryIntervalBelowOneSecondIsRefusedByName() {
        assertThatThrownBy(() -> RpcOptions.parse("[DEFAULT]\ntransport_url = rabbit://nova:pw@rabbit-1/\n"
                + "[oslo_messaging_rabbit]\nrabbit_retry_interval = 0\n"))
                .isInstanceOf(InvalidConfiguration.class)
                .hasMessageContaining("rabbit_retry_interval").hasMessageContaining(">= 1")
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> RpcOptions.parse("[DEFAULT]\ntransport_url = rabbit://nova:pw@rabbit-1/\n"
                + "[oslo_messaging_rabbit]\nkombu_missing_consumer_retry_timeout = soon\n"))
                .isInstanceOf(InvalidConfiguration.class)
                .hasMessageContaining("kombu_missing_consumer_retry_timeout");
    }

    @Test
    void theRecordRefusesWhatOsloRefuses() {
        assertThatThrownBy(() -> new RabbitRetry(Duration.ofSeconds(1), Duration.ofSeconds(-1), Duration.ofSeconds(30),
                Duration.ofSeconds(60))).isInstanceOf(InvalidConfiguration.class)
                .hasMessageContaining("rabbit_retry_backoff");
        assertThatThrownBy(() -> new RabbitRetry(Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO,
                Duration.ofSeconds(60))).isInstanceOf(InvalidConfiguration.class)
                .hasMessageContaining("rabbit_interval_max");
    }
}
