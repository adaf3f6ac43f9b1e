package dev.novalibvirt.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.novalibvirt.cli.port.GuestDefinition;
import dev.novalibvirt.core.ceph.CephConf;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host with a writeback guest, a cache=none guest, and a guest whose disk names a ceph.conf of its own. */
class CacheCheckCommandTest {
    @TempDir
    Path dir;
    Path novaConf;
    final FakeServices fake = new FakeServices();

    @BeforeEach
    void host() {
        novaConf = CliRun.novaConf(dir, "");
        fake.cephConfs.put(dir.resolve("ceph.conf"), CephConf.parse("[client]\nrbd cache = true\n"));
        String wb = CliRun.domainXml("wb", "writeback", "198.18.0.2:6789");
        fake.guests.add(new GuestDefinition("wb", "u-wb", true, true, wb, wb, null));
        String none = CliRun.domainXml("nocache", "none", "198.18.0.2:6789");
        fake.guests.add(new GuestDefinition("nocache", "u-none", true, false, none, null, null));
        String own = CliRun.domainXml("own", null, "198.18.0.2:6789")
                .replace("</source>", "<config file='/etc/ceph/own.conf'/></source>");
        fake.guests.add(new GuestDefinition("own", "u-own", true, true, own, own, null));
        fake.guests.add(new GuestDefinition("plain", "u-plain", true, true, CliRun.plainDomainXml("plain"),
                CliRun.plainDomainXml("plain"), null));
    }

    @Test
    void everyRbdDiskWithItsEffectiveCacheAndTheReason() {
        CliRun run = CliRun.of(fake, novaConf, "cache-check");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(fake.openedReadOnly).isTrue();
        assertThat(run.out()).startsWith("Host compute-1 (qemu:///system): QEMU 7.2.0, Ceph 16.2.0\n")
                .containsPattern("wb +running +vda +vms/wb_disk +writeback +true +true +cache=writeback sets rbd_cache=true")
                .containsPattern("nocache +shut off +vda +vms/nocache_disk +none +false +true +cache=none \\(direct\\) sets rbd_cache=false")
                .containsPattern("own +running +vda +vms/own_disk +default +true +true .*/etc/ceph/own.conf not found here")
                .doesNotContain("plain");
    }

    @Test
    void jsonGivesEachDiskItsFactsPredictionAndReason() {
        CliRun run = CliRun.of(fake, novaConf, "cache-check", "--json", "--ceph-version", "17.2.6");

        JsonNode doc = run.json();
        assertThat(doc.path("command").asText()).isEqualTo("cache-check");
        JsonNode r = doc.path("result");
        assertThat(r.path("host").asText()).isEqualTo("compute-1");
        assertThat(r.path("qemu").asText()).isEqualTo("7.2.0");
        assertThat(r.path("ceph").asText()).isEqualTo("17.2.6");
        assertThat(r.path("ceph_version_known").asBoolean()).isTrue();
        assertThat(r.path("disks")).hasSize(3);
        JsonNode wb = r.path("disks").get(0);
        assertThat(wb.path("domain").asText()).isEqualTo("wb");
        assertThat(wb.path("uuid").asText()).isEqualTo("u-wb");
        assertThat(wb.path("state").asText()).isEqualTo("running");
        assertThat(wb.path("target").asText()).isEqualTo("vda");
        assertThat(wb.path("image").asText()).isEqualTo("vms/wb_disk");
        assertThat(wb.path("cache_mode").asText()).isEqualTo("writeback");
        assertThat(wb.path("ceph_conf").asText()).isEqualTo(dir.resolve("ceph.conf").toString());
        assertThat(wb.path("client").asText()).isEqualTo("client.nova");
        assertThat(wb.path("rbd_cache").asBoolean()).isTrue();
        assertThat(wb.path("writethrough_until_flush").asBoolean()).isTrue();
        assertThat(wb.path("reason").asText()).contains("cache=writeback sets rbd_cache=true");
        assertThat(wb.path("error").isNull()).isTrue();
        assertThat(r.path("disks").get(1).path("rbd_cache").asBoolean()).isFalse();
        assertThat(r.path("disks").get(2).path("ceph_conf").asText()).isEqualTo("/etc/ceph/own.conf");
    }

    @Test
    void anUnknownCephReleaseIsAssumedAndSaysSo() {
        fake.cephVersion = Optional.empty();

        CliRun run = CliRun.of(fake, novaConf, "cache-check", "--json");

        assertThat(run.json().path("result").path("ceph_version_known").asBoolean()).isFalse();
        assertThat(run.json().path("result").path("ceph").asText()).isEqualTo("0.87.0");
        assertThat(CliRun.of(fake, novaConf, "cache-check").out()).contains("Ceph 0.87.0 (assumed)");
    }

    @Test
    void aDiskThatCannotBePredictedIsAnErrorRowAndExitOne() {
        fake.cephConfs.put(dir.resolve("ceph.conf"), CephConf.parse("[client]\nrbd cache = maybe\n"));

        CliRun run = CliRun.of(fake, novaConf, "cache-check", "--json");

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode wb = run.json().path("result").path("disks").get(0);
        assertThat(wb.path("rbd_cache").isNull()).isTrue();
        assertThat(wb.path("error").asText()).contains("rbd_cache");
    }

    @Test
    void aBadCephVersionIsAUsageError() {
        CliRun run = CliRun.of(fake, novaConf, "cache-check", "--ceph-version", "pacific");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("nova-libvirt cache-check: error: CephConfigException: not a version");
    }
}
