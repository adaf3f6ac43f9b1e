package dev.novalibvirt.conformance.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LabEnvTest {
    private static final Path FILE = Path.of("/var/lib/nova-libvirt-lab/lab.env");

    private static LabEnv env(String... lines) {
        return LabEnv.parse(FILE, List.of(lines));
    }

    @Test
    void readsKeyValueLinesSkippingCommentsAndBlanks() {
        LabEnv env = env("# written by ./lab up", "", "POOL_VMS=vms", "CEPH_MON_HOST=[v2:198.18.0.1:3300,v1:198.18.0.1:6789]");

        assertThat(env.poolVms()).isEqualTo("vms");
        assertThat(env.get("CEPH_MON_HOST")).isEqualTo("[v2:198.18.0.1:3300,v1:198.18.0.1:6789]");
        assertThat(env.asMap()).hasSize(2);
    }

    @Test
    void describesHostsByLetterOrName() {
        LabEnv env = env("HOSTS=host-a,host-c",
                "HOST_A_URI=qemu+tcp://198.18.0.11/system", "HOST_A_IP=198.18.0.11",
                "HOST_A_UUID=1ab00001-0000-4000-8000-000000000001",
                "HOST_A_INSTANCES_PATH=/s/host-a/instances", "HOST_A_STATE=/s/host-a",
                "HOST_C_URI=qemu+tcp://198.18.0.13/system", "HOST_C_IP=198.18.0.13",
                "HOST_C_UUID=1ab00003-0000-4000-8000-000000000003",
                "HOST_C_INSTANCES_PATH=/s/host-c/instances", "HOST_C_STATE=/s/host-c");

        assertThat(env.hosts()).extracting(LabHost::name).containsExactly("host-a", "host-c");
        LabHost c = env.host("c");
        assertThat(c).isEqualTo(env.host("host-c"));
        assertThat(c.uri()).isEqualTo("qemu+tcp://198.18.0.13/system");
        assertThat(c.uuid()).isEqualTo(UUID.fromString("1ab00003-0000-4000-8000-000000000003"));
        assertThat(c.instancesPath()).isEqualTo(Path.of("/s/host-c/instances"));
    }

    @Test
    void mapsPathsInsideAHostToItsStateDir() {
        LabHost a = new LabHost("host-a", "qemu+tcp://198.18.0.11/system", "198.18.0.11", UUID.randomUUID(),
                Path.of("/s/host-a/instances"), Path.of("/s/host-a"));

        assertThat(a.serialLog("me-1")).isEqualTo(Path.of("/s/host-a/log/qemu/me-1-serial.log"));
        assertThat(a.outsidePath("/run/libvirt/qemu/x.pid")).isEqualTo(Path.of("/s/host-a/run/qemu/x.pid"));
        assertThat(a.outsidePath("/var/lib/libvirtx/y")).isEqualTo(Path.of("/var/lib/libvirtx/y"));
        assertThat(a.outsidePath("/s/host-a/instances/u")).isEqualTo(Path.of("/s/host-a/instances/u"));
        // the instances_path every host has inside its mount namespace is its own dir outside
        assertThat(a.outsidePath("/var/lib/nova/instances/u/console.log"))
                .isEqualTo(Path.of("/s/host-a/instances/u/console.log"));
    }

    @Test
    void aMissingKeyOrFileSaysTheLabIsNotUp() {
        assertThatThrownBy(() -> env("POOL_VMS=vms").poolImages())
                .isInstanceOf(LabNotUpException.class)
                .hasMessageContaining("lab is not up: run ./lab up")
                .hasMessageContaining("POOL_IMAGES");
        assertThatThrownBy(() -> LabEnv.load(Path.of("/nonexistent/lab.env")))
                .isInstanceOf(LabNotUpException.class)
                .hasMessageContaining("lab is not up: run ./lab up (no /nonexistent/lab.env)");
    }
}
