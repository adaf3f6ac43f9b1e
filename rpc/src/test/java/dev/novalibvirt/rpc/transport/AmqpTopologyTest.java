package dev.novalibvirt.rpc.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import dev.novalibvirt.rpc.config.RabbitOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AmqpTopologyTest {

    @Test
    void namesAreOslos() {
        assertThat(Target.server("nova", "compute", "host-b").routingKey()).isEqualTo("compute.host-b");
        assertThat(new Target("nova", "compute", null, false).routingKey()).isEqualTo("compute");
        assertThat(AmqpTopology.fanoutExchange("compute")).isEqualTo("compute_fanout");
        assertThat(AmqpTopology.fanoutQueue("compute", "abc")).isEqualTo("compute_fanout_abc");
    }

    @Test
    void transientQueuesExpireAfterOslosTtl() {
        assertThat(new AmqpTopology(RabbitOptions.defaults()).transientQueueArguments())
                .isEqualTo(Map.of("x-expires", 1_800_000L));
        assertThat(new AmqpTopology(new RabbitOptions(Duration.ZERO, false, false)).transientQueueArguments())
                .isEmpty();
    }

    @Test
    void bodiesAreJsonAndACallsTimeoutIsItsTtl() {
        AMQP.BasicProperties call = AmqpTopology.properties(Duration.ofSeconds(1800));
        assertThat(call.getContentType()).isEqualTo("application/json");
        assertThat(call.getContentEncoding()).isEqualTo("utf-8");
        assertThat(call.getExpiration()).isEqualTo("1800000");
        assertThat(AmqpTopology.properties(null).getExpiration()).isNull();
    }
}
