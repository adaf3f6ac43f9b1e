package dev.novalibvirt.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.InvalidConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A host's nova.conf read into one agent's configuration, oslo's names and defaults. */
class AgentConfigTest {
    private static final String CONF = String.join("\n",
            "[DEFAULT]",
            "host = host-b",
            "instances_path = /var/lib/nova/instances",
            "transport_url = rabbit://nova:S3cret-pw@198.18.0.1:5672/nova",
            "rpc_response_timeout = 30",
            "long_rpc_timeout = 900",
            "[libvirt]",
            "images_type = rbd",
            "images_rbd_pool = vms",
            "rbd_user = nova",
            "rbd_secret_uuid = 8d6e3f4a-1b2c-4d5e-9f00-112233445566",
            "");

    @Test
    void theHostsNovaConfNamesTheServerTheBrokerAndTheTimeouts() {
        AgentConfig c = AgentConfig.parse(CONF);
        assertThat(c.host()).isEqualTo("host-b");
        assertThat(c.nova().defaults().host()).isEqualTo("host-b");
        assertThat(c.nova().defaults().instancesPath()).isEqualTo(Path.of("/var/lib/nova/instances"));
        assertThat(c.rpc().transportUrl().hosts().get(0).hostname()).isEqualTo("198.18.0.1");
        assertThat(c.rpc().transportUrl().virtualHost()).isEqualTo("nova");
        assertThat(c.rpc().rpcResponseTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.rpc().longRpcTimeout()).isEqualTo(Duration.ofSeconds(900));
        assertThat(c.libvirtUri()).isEqualTo("qemu:///system");
        assertThat(c.workers()).isEqualTo(64);
        assertThat(c.gracefulShutdown()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void connectionUriPoolSizeAndGraceAreTakenWhenSet() {
        AgentConfig c = AgentConfig.parse(CONF.replace("[libvirt]", "executor_thread_pool_size = 4\n"
                + "graceful_shutdown_timeout = 5\n[libvirt]\nconnection_uri = qemu+tcp://198.18.0.12/system"));
        assertThat(c.libvirtUri()).isEqualTo("qemu+tcp://198.18.0.12/system");
        assertThat(c.workers()).isEqualTo(4);
        assertThat(c.gracefulShutdown()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void thePasswordAppearsInNoTextOfTheConfiguration() {
        assertThat(AgentConfig.parse(CONF).toString()).doesNotContain("S3cret-pw").contains("nova:***@");
        assertThatThrownBy(() -> AgentConfig.parse(CONF.replace("rpc_response_timeout = 30",
                "rpc_response_timeout = soon")))
                .isInstanceOf(InvalidConfiguration.class).hasMessageNotContaining("S3cret-pw");
        assertThatThrownBy(() -> AgentConfig.parse(CONF.replace("host = host-b",
                "host = host-b\nexecutor_thread_pool_size = 0")))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("executor_thread_pool_size");
    }
}
