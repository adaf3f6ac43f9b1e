package dev.novalibvirt.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.ceph.DiskCacheMode;
import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.rpc.config.RpcOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's conformance config: what a real site has, each bad key refused by name before anything runs. */
class SiteConfigReaderTest {
    @TempDir
    Path dir;

    private ConfigurationError refused(String... replace) {
        Path file = SiteConfigs.write(dir, replace);
        try {
            SiteConfigReader.read(file);
        } catch (ConfigurationError e) {
            return e;
        }
        throw new AssertionError("accepted: " + SiteConfigs.text(dir, replace));
    }

    @Test
    void aSitesTwoHostsCephAndBaseImageAreRead() {
        SiteConfig c = SiteConfigReader.read(SiteConfigs.write(dir));

        assertThat(c.site()).isEqualTo("lab");
        assertThat(c.host1()).isEqualTo(new SiteHost("host1", "host-a", "qemu+tcp://198.18.0.11/system",
                "198.18.0.11", Path.of("/var/lib/nova/instances")));
        assertThat(c.host2().name()).isEqualTo("host-b");
        assertThat(c.host2().instancesPath()).as("Nova's default").isEqualTo(Path.of("/var/lib/nova/instances"));
        assertThat(c.cephConf()).isEqualTo(dir.resolve("ceph.conf"));
        assertThat(c.keyring()).isEqualTo(dir.resolve("ceph.client.nova.keyring"));
        assertThat(c.user()).isEqualTo("nova");
        assertThat(c.pool()).isEqualTo("vms");
        assertThat(c.imagesPool()).isEqualTo("images");
        assertThat(c.secretUuid()).isEqualTo(SiteConfigs.SECRET_UUID);
        assertThat(c.imageSnap()).as("Glance's snapshot name").isEqualTo("snap");
        assertThat(c.virtType()).isEqualTo("qemu");
        assertThat(c.cacheMode()).isEqualTo(DiskCacheMode.WRITEBACK);
        assertThat(c.memoryMib()).isEqualTo(64);
        assertThat(c.rootGb()).isEqualTo(1);
    }

    @Test
    void eachHostsNovaConfIsTheOneItsOperatorWouldWrite() {
        SiteConfig c = SiteConfigReader.read(SiteConfigs.write(dir));

        NovaConfig b = NovaConfig.parse(c.novaConf(c.host2()));

        assertThat(b.defaults().host()).isEqualTo("host-b");
        assertThat(b.libvirt().connectionUri()).isEqualTo("qemu+tcp://198.18.0.12/system");
        assertThat(b.libvirt().liveMigrationInboundAddr()).isEqualTo("198.18.0.12");
        assertThat(b.libvirt().rbdSecretUuid()).isEqualTo(SiteConfigs.SECRET_UUID);
        assertThat(b.libvirt().imagesRbdPool()).isEqualTo("vms");
        assertThat(c.novaConf(c.host2())).contains("disk_cachemodes = network=writeback", "images_type = rbd",
                "rbd_user = nova", "[vnc]\nserver_listen = 198.18.0.12");
    }

    @Test
    void aMissingKeyIsNamed() {
        ConfigurationError e = refused("uri = qemu+tcp://198.18.0.12/system\n", "");

        assertThat(e.key()).isEqualTo("[host2] uri");
        assertThat(e).isInstanceOf(InvalidConfiguration.class)
                .hasMessageContaining(dir.resolve("site.conf").toString()).hasMessageContaining("[host2] uri: is required");
    }

    @Test
    void eachBadValueIsRefusedWithTheKeyAndWhatWasExpected() {
        assertThat(refused("uri = qemu+tcp://198.18.0.11/system", "uri = host-a").key()).isEqualTo("[host1] uri");
        assertThat(refused("address = 198.18.0.12", "address = 198.18.0.12;reboot"))
                .hasMessageContaining("[host2] address").hasMessageContaining("Invalid characters in hostname");
        assertThat(refused("name = host-b", "name = host-a"))
                .hasMessageContaining("[host2] name: names the same host as [host1] name");
        assertThat(refused("uri = qemu+tcp://198.18.0.12/system", "uri = qemu+tcp://198.18.0.11/system").key())
                .isEqualTo("[host2] uri");
        assertThat(refused("secret_uuid = " + SiteConfigs.SECRET_UUID, "secret_uuid = client.nova"))
                .hasMessageContaining("[ceph] secret_uuid: is not a uuid (expected the libvirt secret's uuid")
                .hasMessageNotContaining("client.nova");
        assertThat(refused("pool = vms", "pool = vms; rm -rf /").key()).isEqualTo("[ceph] pool");
        assertThat(refused("cache_mode = writeback", "cache_mode = fast"))
                .hasMessageContaining("[guest] cache_mode: is 'fast' (expected one of Nova's disk cache modes: default,"
                        + " directsync, none, unsafe, writeback, writethrough)");
        assertThat(refused("virt_type = qemu", "virt_type = xen").key()).isEqualTo("[guest] virt_type");
        assertThat(refused("memory_mb = 64", "memory_mb = lots"))
                .hasMessageContaining("[guest] memory_mb: is 'lots' (expected a whole number from 16 to 1048576)");
        assertThat(refused("instances_path = /var/lib/nova/instances", "instances_path = instances").key())
                .isEqualTo("[host1] instances_path");
    }

    @Test
    void aKeyringThatCannotBeReadHereIsRefusedWithoutReadingIt() throws Exception {
        ConfigurationError e = refused("ceph.client.nova.keyring", "no-such.keyring");

        assertThat(e.key()).isEqualTo("[ceph] keyring");
        assertThat(e).hasMessageContaining("cannot read " + dir.resolve("no-such.keyring"));
        assertThat(Files.readString(dir.resolve("ceph.client.nova.keyring"))).contains("key = AQ");
        assertThat(e.getMessage()).doesNotContain("AQ");
    }

    private ConfigurationError refusedAgents(String... replace) {
        Path file = SiteConfigs.writeAgents(dir, replace);
        try {
            SiteConfigReader.read(file);
        } catch (ConfigurationError e) {
            assertThat(e.getMessage()).as("the broker's password is never shown")
                    .doesNotContain(SiteConfigs.BROKER_PASSWORD);
            return e;
        }
        throw new AssertionError("accepted: " + SiteConfigs.agentText(dir, replace));
    }

    @Test
    void hostsReachedThroughTheirAgentsAreReadWithTheBrokerAsAnAgentReadsIt() {
        SiteConfig c = SiteConfigReader.read(SiteConfigs.writeAgents(dir));

        assertThat(c.host1()).isEqualTo(SiteHost.throughAgent("host1", "host-a", null));
        assertThat(c.host1().reach()).isEqualTo(SiteHost.Reach.AGENT);
        assertThat(c.host2().agent()).isTrue();
        assertThat(c.host2().hasLibvirtUri()).isFalse();
        RpcOptions rpc = c.agents().orElseThrow();
        assertThat(rpc.transportUrl().hosts()).singleElement().satisfies(h -> {
            assertThat(h.hostname()).isEqualTo("198.18.0.1");
            assertThat(h.port()).isEqualTo(5672);
            assertThat(h.username()).isEqualTo("nova");
        });
        assertThat(rpc.rpcResponseTimeout()).as("oslo's default").isEqualTo(Duration.ofSeconds(60));
        assertThat(rpc.longRpcTimeout()).as("Nova's default").isEqualTo(Duration.ofSeconds(1800));
        assertThat(c.broker()).contains("rabbit://nova:***@198.18.0.1:5672/");
        assertThat(c.toString()).doesNotContain(SiteConfigs.BROKER_PASSWORD);
        assertThat(c.redact("refused: nova:" + SiteConfigs.BROKER_PASSWORD + "@198.18.0.1"))
                .isEqualTo("refused: nova:***@198.18.0.1");
    }

    @Test
    void anAgentsHostMayKeepItsUriForTheLibvirtOnlyChecksOrBeNamedByHostAlone() {
        SiteConfig c = SiteConfigReader.read(SiteConfigs.writeAgents(dir,
                "name = host-a\nagent = true\n", "host = host-a\n",
                "name = host-b\nagent = true\n", "name = host-b\nagent = yes\nuri = qemu+tcp://198.18.0.12/system\n",
                "[DEFAULT]\n", "[DEFAULT]\nrpc_response_timeout = 20\n"));

        assertThat(c.host1()).isEqualTo(SiteHost.throughAgent("host1", "host-a", null));
        assertThat(c.host2().reach()).isEqualTo(SiteHost.Reach.AGENT_AND_LIBVIRT);
        assertThat(c.host2().uri()).isEqualTo("qemu+tcp://198.18.0.12/system");
        assertThat(c.agents().orElseThrow().rpcResponseTimeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void oneHostThroughItsAgentAndOneAtItsLibvirtdIsASite() {
        SiteConfig c = SiteConfigReader.read(SiteConfigs.write(dir, "[site]\n",
                "[DEFAULT]\ntransport_url = " + SiteConfigs.TRANSPORT_URL + "\n[site]\n",
                "uri = qemu+tcp://198.18.0.12/system\naddress = 198.18.0.12\n", "agent = true\n"));

        assertThat(c.host1().reach()).isEqualTo(SiteHost.Reach.LIBVIRT);
        assertThat(c.host2().reach()).isEqualTo(SiteHost.Reach.AGENT);
        assertThat(c.agents()).isPresent();
    }

    @Test
    void withoutAgentsTheUriModeIsAsBeforeAndNeedsNoBroker() {
        SiteConfig c = SiteConfigReader.read(SiteConfigs.write(dir));

        assertThat(c.hosts()).extracting(SiteHost::reach).containsOnly(SiteHost.Reach.LIBVIRT);
        assertThat(c.agents()).isEmpty();
        assertThat(c.broker()).isEmpty();
    }

    @Test
    void anAgentWithoutTheBrokerIsRefusedNamingTransportUrl() {
        ConfigurationError e = refusedAgents("transport_url = " + SiteConfigs.TRANSPORT_URL + "\n", "");

        assertThat(e.key()).isEqualTo("[DEFAULT] transport_url");
        assertThat(e).hasMessageContaining("[DEFAULT] transport_url: is required: [host1] is reached through its "
                + "agent");
    }

    @Test
    void aBadTransportUrlIsRefusedByThePartThatIsWrongNeverEchoed() {
        assertThat(refusedAgents(SiteConfigs.TRANSPORT_URL, "amqps://nova:" + SiteConfigs.BROKER_PASSWORD
                + "@198.18.0.1:5672/")).hasMessageContaining("[DEFAULT] transport_url: is invalid: scheme 'amqps'");
        assertThat(refusedAgents(SiteConfigs.TRANSPORT_URL, "rabbit://nova:" + SiteConfigs.BROKER_PASSWORD
                + "@198.18.0.1:56x2/").key()).isEqualTo("[DEFAULT] transport_url");
        assertThat(refusedAgents(SiteConfigs.TRANSPORT_URL, "rabbit://nova:" + SiteConfigs.BROKER_PASSWORD
                + "$secret@198.18.0.1/")).hasMessageContaining("undefined $option");
        assertThat(refusedAgents("[DEFAULT]\n", "[DEFAULT]\nlong_rpc_timeout = forever\n"))
                .hasMessageContaining("[DEFAULT] long_rpc_timeout: is 'forever' (expected a whole number");
    }

    @Test
    void aBrokerPasswordTooShortToMaskIsRefusedByKeyAndALongerOneIsMaskedWherever() {
        for (String pw : new String[] {"x", "ab1", "pa55wd7"}) {
            ConfigurationError e = refusedAgents(SiteConfigs.TRANSPORT_URL, "rabbit://nova:" + pw
                    + "@198.18.0.1:5672/");
            assertThat(e.key()).isEqualTo("[DEFAULT] transport_url");
            assertThat(e).hasMessageContaining("has a password shorter than 8 characters (the value is not shown)")
                    .hasMessageNotContaining(":" + pw + "@");
        }
        SiteConfig c = SiteConfigReader.read(SiteConfigs.writeAgents(dir, SiteConfigs.TRANSPORT_URL,
                "rabbit://nova:pa55wd78@198.18.0.1:5672/"));
        assertThat(c.redact("ACCESS_REFUSED for nova/pa55wd78; retried nova:pa55wd78@198.18.0.1"))
                .isEqualTo("ACCESS_REFUSED for nova/***; retried nova:***@198.18.0.1");
        assertThat(SiteConfigReader.read(SiteConfigs.writeAgents(dir, SiteConfigs.TRANSPORT_URL,
                "rabbit://nova@198.18.0.1:5672/")).broker()).as("no password, nothing to mask")
                .contains("rabbit://nova@198.18.0.1:5672/");
    }

    @Test
    void aBrokerUrlPastedAsAHostNameIsRefusedWithoutShowingIt() {
        String pasted = "rabbit://nova:" + SiteConfigs.BROKER_PASSWORD + "@compute-2";
        ConfigurationError asName = refusedAgents("name = host-b\nagent = true\n", "name = " + pasted + "\n"
                + "agent = true\n");
        assertThat(asName.key()).isEqualTo("[host2] name");
        assertThat(asName).hasMessageContaining("Invalid characters in hostname").hasMessageContaining("not shown")
                .hasMessageNotContaining("compute-2");

        ConfigurationError asHost = refusedAgents("name = host-a\nagent = true\n", "host = " + pasted + "$x\n");
        assertThat(asHost.key()).as("read raw: no interpolation error quoting it").isEqualTo("[host1] host");
        assertThat(asHost).hasMessageNotContaining("compute-2").hasMessageNotContaining("$x");
    }

    @Test
    void eachBadAgentKeyIsRefusedByName() {
        ConfigurationError pasted = refusedAgents("name = host-b\nagent = true\n",
                "name = host-b\nagent = rabbit://nova:" + SiteConfigs.BROKER_PASSWORD + "@compute-2\n");
        assertThat(pasted.key()).isEqualTo("[host2] agent");
        assertThat(pasted).hasMessageContaining("is not true or false (the value is not shown");

        assertThat(refusedAgents("name = host-a\nagent = true\n",
                "name = host-a\nagent = true\naddress = 198.18.0.11\n").key()).isEqualTo("[host1] address");
        assertThat(refusedAgents("name = host-a\nagent = true\n",
                "name = host-a\nagent = true\ninstances_path = /srv/nova\n").key()).isEqualTo("[host1] instances_path");
        assertThat(refusedAgents("name = host-a\n", "name = host-a\nhost = host-a\n").key())
                .isEqualTo("[host1] host");
        assertThat(refusedAgents("name = host-a\nagent = true\n", "host = host-a\nagent = false\n").key())
                .isEqualTo("[host1] agent");
        assertThat(refusedAgents("name = host-b\nagent = true\n", "name = host-b\n"))
                .hasMessageContaining("[host2] uri: is required (the host's libvirtd; or agent = true");
        assertThat(refusedAgents("name = host-b\n", "name = host-a\n").key()).isEqualTo("[host2] name");
        assertThat(refusedAgents("name = host-b\nagent = true\n", "name = host-b\nagent = true\nuri = host-b\n")
                .key()).isEqualTo("[host2] uri");
    }

    @Test
    void aMissingFileOrABrokenLineIsAConfigurationError() throws Exception {
        assertThatThrownBy(() -> SiteConfigReader.read(dir.resolve("none.conf")))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("none.conf: --config: cannot read");
        Files.writeString(dir.resolve("broken.conf"), "name = outside\n");
        assertThatThrownBy(() -> SiteConfigReader.read(dir.resolve("broken.conf")))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("syntax")
                .hasMessageContaining("outside any [section]");
    }
}
