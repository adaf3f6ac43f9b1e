package dev.novalibvirt.rpc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.LiveMigrationCallbacks;
import dev.novalibvirt.rpc.InMemoryTransport;
import dev.novalibvirt.rpc.MessagingTimeout;
import dev.novalibvirt.rpc.Samples;
import dev.novalibvirt.rpc.compute.RemoteComputeDriver;
import dev.novalibvirt.rpc.config.RabbitOptions;
import dev.novalibvirt.rpc.config.RpcOptions;
import dev.novalibvirt.rpc.config.TransportUrl;
import dev.novalibvirt.rpc.transport.Target;
import dev.novalibvirt.rpc.wire.IdSource;
import dev.novalibvirt.rpc.wire.RequestContext;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A cast whose outcome is reported back expires on the broker once its caller has given up on it: an agent that was
 * down when it was sent and comes back later must not start, say, a live migration the controller has meanwhile
 * handed to recovery. A plain cast keeps oslo's shape (no TTL).
 */
class CastWithReportTtlTest {
    private final InMemoryTransport broker = new InMemoryTransport();

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void aReportedCastWithoutAnOverallTimeoutLivesAsLongAsTheCallMonitorWaits() {
        RpcClient client = new RpcClient(broker, IdSource.random(), Clock.systemUTC());
        assertThatThrownBy(() -> client.castWithReport(Target.server("nova", "compute-alt", "host-a"),
                RequestContext.empty(), "live_migration", JsonNodeFactory.instance.objectNode(), "6.0", null,
                Duration.ofMillis(100))).isInstanceOf(MessagingTimeout.class);
        assertThat(broker.published().get(0).expiration()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aReportedCastLivesAsLongAsTheShorterOfItsTwoWaits() {
        RpcClient client = new RpcClient(broker, IdSource.random(), Clock.systemUTC());
        assertThatThrownBy(() -> client.castWithReport(Target.server("nova", "compute", "host-a"),
                RequestContext.empty(), "live_migration_abort", JsonNodeFactory.instance.objectNode(), "6.0",
                Duration.ofMillis(100), Duration.ofSeconds(60))).isInstanceOf(MessagingTimeout.class);
        assertThat(broker.published().get(0).expiration()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void liveMigrationToADeadAgentExpiresWithinRpcResponseTimeout() {
        RpcClient client = new RpcClient(broker, IdSource.random(), Clock.systemUTC());
        RemoteComputeDriver hostA = new RemoteComputeDriver("host-a", client, new RpcOptions("controller",
                TransportUrl.parse("rabbit://u:p@h/"), Duration.ofMillis(200), Duration.ofSeconds(1800),
                RabbitOptions.defaults()));
        LiveMigrationCallbacks ignored = new LiveMigrationCallbacks() {
            @Override
            public void postMethod(dev.novalibvirt.core.driver.Instance i, String dest, boolean blockMigration,
                                   LibvirtLiveMigrateData md) {
            }

            @Override
            public void recoverMethod(dev.novalibvirt.core.driver.Instance i, String dest, LibvirtLiveMigrateData md,
                                      dev.novalibvirt.core.driver.MigrationStatus status) {
            }
        };
        assertThatThrownBy(() -> hostA.liveMigration(Samples.INSTANCE, "host-b", ignored, false, null))
                .isInstanceOf(MessagingTimeout.class);
        InMemoryTransport.Published p = broker.published().get(0);
        assertThat(p.routingKey()).isEqualTo("compute-alt.host-a");
        assertThat(p.expiration()).as("rpc_response_timeout, the heartbeat wait").isEqualTo(Duration.ofMillis(200));
    }
}
