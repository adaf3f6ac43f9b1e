package dev.novalibvirt.conformance.field;

import dev.novalibvirt.conformance.migration.ContractLab;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.libvirt.lock.DiskLease;
import dev.novalibvirt.libvirt.lock.SanlockClient;
import dev.novalibvirt.libvirt.lock.SanlockSettings;
import dev.novalibvirt.libvirt.lock.StaleLeaseCleaner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * sanlock for file disks on shared storage. Two private libvirt hosts (own mount namespaces, own sanlock
 * daemons with host_id 1 and 2, LD_PRELOAD setrlimit shim) share a lease directory; their lock-manager
 * configuration is what {@link SanlockSettings} generates. The lease, not only QEMU's image lock, refuses the
 * second host; the stale-lease cleanup removes a lease file only once it can acquire the lease.
 */
class SanlockIT {
    @TempDir
    Path dir;

    private static String script() {
        Path p = Path.of("lab/field/sanlock-hosts.sh");
        return (Files.exists(p) ? p : Path.of("conformance-tests/lab/field/sanlock-hosts.sh")).toString();
    }

    private String uri(int i) {
        return "qemu+unix:///system?socket=" + dir.resolve("h" + i).resolve("run/libvirt-sock");
    }

    private List<String> inNamespaceOf(int i) throws Exception {
        String pid = Files.readString(dir.resolve("h" + i).resolve("ns.pid")).strip();
        return List.of("nsenter", "-t", pid, "-m", "--");
    }

    private static String domain(String name, Path disk, DiskLease lease) {
        return """
                <domain type='qemu'>
                  <name>%s</name>
                  <memory unit='MiB'>64</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
                  <devices>
                    <emulator>/usr/bin/qemu-system-x86_64</emulator>
                    <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='%s'/><target dev='vda' bus='virtio'/></disk>
                    %s
                    <memballoon model='none'/>
                  </devices>
                </domain>""".formatted(name, disk, lease == null ? "" : lease.toXml());
    }

    @Test
    void theLeaseRefusesTheSecondHostAndStaleLeasesAreRemovedOnlyWhenFree() throws Exception {
        Path leases = dir.resolve("leases");
        for (int i = 1; i <= 2; i++) {
            Path h = Files.createDirectories(dir.resolve("h" + i));
            SanlockSettings s = SanlockSettings.autoLeases(leases, i);
            Files.writeString(h.resolve("qemu-lock.conf"), SanlockSettings.qemuConfLockManager());
            Files.writeString(h.resolve("qemu-sanlock.conf"), s.qemuSanlockConf());
        }
        ContractLab.Run up = ContractLab.run(Duration.ofMinutes(4), "bash", script(), "up", dir.toString(), "2");
        System.out.println("sanlock hosts: " + up.output());
        try (FieldLab lab = FieldLab.load()) {
            assertThat(up.exitCode()).as(up.output()).isZero();
            Path disk = dir.resolve("disk.raw");
            Files.copy(Path.of(lab.get("BASE_IMAGE_RAW")), disk, StandardCopyOption.REPLACE_EXISTING);
            Path otherDisk = dir.resolve("other.raw");
            Files.copy(disk, otherDisk, StandardCopyOption.REPLACE_EXISTING);
            // an explicit per-guest lease (like oVirt's VM leases) in the same lockspace, initialised once
            DiskLease guestLease = new DiskLease(DiskLease.AUTO_DISK_LOCKSPACE, "field-guest-lease",
                    leases.resolve("field-guest-lease"), 0);
            Files.write(guestLease.target(), new byte[1 << 20]);
            ContractLab.Run init = ContractLab.run(Duration.ofSeconds(30), "sanlock", "direct", "init", "-r", guestLease.sanlockResource());
            assertThat(init.exitCode()).as(init.output()).isZero();

            Connect h1 = new Connect(uri(1));
            Connect h2 = new Connect(uri(2));
            try {
                try {
                    h1.domainCreateXML(domain("field-sl-a", disk, guestLease), 0);
                } catch (LibvirtException e) {
                    // what sanlock itself says (its status and the tail of its log), so a refusal is diagnosable
                    System.out.println("host 1 sanlock after '" + e.getMessage() + "':\n"
                            + ContractLab.run(Duration.ofSeconds(10), concat(inNamespaceOf(1), "sanlock", "client", "status")).output()
                            + ContractLab.run(Duration.ofSeconds(10), concat(inNamespaceOf(1), "sanlock", "client", "log_dump")).output());
                    throw e;
                }
                DiskLease autoLease = SanlockSettings.autoLeases(leases, 1).autoLeaseFor(disk.toString());
                ContractLab.Run status = ContractLab.run(Duration.ofSeconds(10),
                        concat(inNamespaceOf(1), "sanlock", "client", "status"));
                System.out.println("host 1 sanlock status:\n" + status.output());
                assertThat(status.output()).contains("r " + autoLease.sanlockResource())
                        .contains("r " + guestLease.sanlockResource());

                // host 2, same disk: refused (QEMU's image lock answers first on one machine) ...
                assertThatThrownBy(() -> h2.domainCreateXML(domain("field-sl-b", disk, null), 0))
                        .isInstanceOf(LibvirtException.class);
                // ... and the disk's lease itself refuses host 2: the cleaner there cannot acquire it, keeps the file
                StaleLeaseCleaner cleaner2 = new StaleLeaseCleaner(SanlockClient.cli(inNamespaceOf(2)));
                List<StaleLeaseCleaner.Result> busy = cleaner2.cleanup(leases);
                System.out.println("cleanup on host 2 while the guest runs on host 1: " + busy);
                assertThat(busy).filteredOn(r -> r.file().equals(autoLease.target())).singleElement()
                        .satisfies(r -> assertThat(r.outcome()).isEqualTo(StaleLeaseCleaner.Outcome.IN_USE));
                assertThat(autoLease.target()).exists();

                // host 2, other disk but the same guest lease: refused by sanlock alone (no image lock involved)
                assertThatThrownBy(() -> h2.domainCreateXML(domain("field-sl-c", otherDisk, guestLease), 0))
                        .isInstanceOf(LibvirtException.class)
                        .satisfies(e -> System.out.println("lease refusal on host 2: " + e.getMessage()))
                        .hasMessageNotContaining("write\" lock")
                        .hasMessageContainingAll("lock");

                // the guest stops on host 1: its disk lease is stale now and the cleaner removes it
                h1.domainLookupByName("field-sl-a").destroy();
                // destroy returns when QEMU is gone; host 1's sanlock daemon releases its lease a moment later
                // (it notices the dead pid), and until then the lease is rightly IN_USE
                List<List<StaleLeaseCleaner.Result>> last = new java.util.ArrayList<>(List.of(List.of()));
                FieldLab.await(Duration.ofSeconds(30), () -> {
                    last.set(0, cleaner2.cleanup(leases));
                    return last.get(0).stream().noneMatch(r -> r.file().equals(autoLease.target())
                            && r.outcome() == StaleLeaseCleaner.Outcome.IN_USE);
                });
                List<StaleLeaseCleaner.Result> freed = last.get(0);
                System.out.println("cleanup on host 2 after the guest stopped: " + freed);
                assertThat(freed).filteredOn(r -> r.file().equals(autoLease.target())).singleElement()
                        .satisfies(r -> assertThat(r.outcome()).isEqualTo(StaleLeaseCleaner.Outcome.REMOVED));
                assertThat(autoLease.target()).doesNotExist();
                assertThat(guestLease.target()).as("not an automatic lease: left alone").exists();

                // and host 2 may now run it
                assertThat(h2.domainCreateXML(domain("field-sl-b", disk, guestLease), 0).isActive()).isEqualTo(1);
            } finally {
                h1.close();
                h2.close();
            }
        } finally {
            ContractLab.run(Duration.ofMinutes(1), "bash", script(), "down", dir.toString());
        }
    }

    private static String[] concat(List<String> prefix, String... rest) {
        String[] all = new String[prefix.size() + rest.length];
        for (int i = 0; i < prefix.size(); i++) {
            all[i] = prefix.get(i);
        }
        System.arraycopy(rest, 0, all, prefix.size(), rest.length);
        return all;
    }
}
