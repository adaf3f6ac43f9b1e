package dev.novalibvirt.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.novalibvirt.cli.config.CliUsageException;
import dev.novalibvirt.core.exception.InternalError;
import dev.novalibvirt.rbd.LockOwner;
import dev.novalibvirt.rbd.Locker;
import dev.novalibvirt.rbd.Lockers;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.Watcher;
import dev.novalibvirt.rbd.fence.CephBlocklist;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A guest's disk is open on host-a (198.18.0.11); host-c (198.18.0.13) was fenced but its client still watches. */
class DiskHoldersCommandTest {
    @TempDir
    Path dir;
    Path novaConf;
    final FakeServices fake = new FakeServices();

    @BeforeEach
    void disk() {
        novaConf = CliRun.novaConf(dir, "");
        fake.holders.put("vms/g_disk", new RbdDriver.Holders(
                List.of(new Watcher("198.18.0.11:0/1234", 4235, 94000), new Watcher("198.18.0.13:0/77", 4300, 12)),
                Lockers.none()));
        fake.owners.put("vms/g_disk", List.of(new LockOwner("client.4235", true)));
        fake.blocklist = List.of(new CephBlocklist.Entry("198.18.0.13:0/0", "2030-01-01T00:00:00"));
    }

    @Test
    void watchersAndLockOwnersAsATable() {
        CliRun run = CliRun.of(fake, novaConf, "disk-holders", "vms/g_disk");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("vms/g_disk: in use by 198.18.0.11:0/1234\n")
                .containsPattern("198.18.0.11:0/1234 +client.4235 +94000 +no")
                .containsPattern("198.18.0.13:0/77 +client.4300 +12 +yes")
                .containsPattern("client.4235 +exclusive")
                .doesNotContain("ADVISORY");
        assertThat(fake.cephClosed).isTrue();
    }

    @Test
    void jsonShape() {
        CliRun run = CliRun.of(fake, novaConf, "disk-holders", "g_disk", "--json");

        JsonNode doc = run.json();
        assertThat(doc.path("command").asText()).isEqualTo("disk-holders");
        assertThat(doc.path("exit_code").asInt()).isZero();
        JsonNode r = doc.path("result");
        assertThat(r.path("image").asText()).as("nova.conf's images_rbd_pool").isEqualTo("vms/g_disk");
        assertThat(r.path("in_use").asBoolean()).isTrue();
        assertThat(r.path("watchers")).hasSize(2);
        JsonNode w = r.path("watchers").get(0);
        assertThat(w.path("address").asText()).isEqualTo("198.18.0.11:0/1234");
        assertThat(w.path("client_id").asLong()).isEqualTo(4235);
        assertThat(w.path("cookie").asLong()).isEqualTo(94000);
        assertThat(w.path("fenced").asBoolean()).isFalse();
        assertThat(r.path("watchers").get(1).path("fenced").asBoolean()).isTrue();
        assertThat(r.path("lock_owners").get(0).path("owner").asText()).isEqualTo("client.4235");
        assertThat(r.path("lock_owners").get(0).path("exclusive").asBoolean()).isTrue();
        assertThat(r.path("advisory_exclusive").asBoolean()).isFalse();
        assertThat(r.path("advisory_tag").asText()).isEmpty();
        assertThat(r.path("advisory_lockers")).isEmpty();
    }

    @Test
    void onlyFencedHoldersMeanNotInUse() {
        fake.holders.put("vms/old", new RbdDriver.Holders(List.of(new Watcher("198.18.0.13:0/77", 4300, 12)),
                new Lockers(true, "", List.of(new Locker("client.4300", "auto 1", "198.18.0.13:0/77")))));

        CliRun run = CliRun.of(fake, novaConf, "disk-holders", "vms/old");

        assertThat(run.out()).startsWith("vms/old: not in use\n").contains("advisory lock: exclusive")
                .containsPattern("client.4300 +auto 1 +198.18.0.13:0/77 +yes");
    }

    @Test
    void aMissingImageIsOneLineExitOneAndAnErrorDocument() {
        CliRun run = CliRun.of(fake, novaConf, "disk-holders", "vms/nope", "--json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("nova-libvirt disk-holders: error: DiskNotFound: ").contains("vms/nope")
                .doesNotContain("\n");
        JsonNode doc = run.json();
        assertThat(doc.path("command").asText()).isEqualTo("disk-holders");
        assertThat(doc.path("exit_code").asInt()).isEqualTo(1);
        assertThat(doc.path("error").path("type").asText()).isEqualTo("DiskNotFound");
        assertThat(doc.path("error").path("message").asText()).contains("vms/nope");
        assertThat(doc.has("result")).isFalse();
    }

    @Test
    void aClusterThatCannotBeReachedIsExitOne() {
        fake.cephFailure = new InternalError("mon command 'mon dump' timed out");

        CliRun run = CliRun.of(fake, novaConf, "disk-holders", "vms/g_disk");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("nova-libvirt disk-holders: error: InternalError: mon command 'mon dump' timed out\n");
    }

    @Test
    void imageSpecs() {
        assertThat(DiskHoldersCommand.poolAndImage("vms/a", () -> "rbd")).containsExactly("vms", "a");
        assertThat(DiskHoldersCommand.poolAndImage("a", () -> "rbd")).containsExactly("rbd", "a");
        for (String bad : new String[] {"", "/a", "vms/", "a/b/c"}) {
            assertThatThrownBy(() -> DiskHoldersCommand.poolAndImage(bad, () -> "rbd"))
                    .isInstanceOf(CliUsageException.class).hasMessageContaining("POOL/IMAGE");
        }
        assertThat(CliRun.of(fake, novaConf, "disk-holders", "a/b/c").exitCode()).isEqualTo(2);
    }
}
