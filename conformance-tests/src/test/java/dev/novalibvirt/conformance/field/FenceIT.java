package dev.novalibvirt.conformance.field;

import dev.novalibvirt.conformance.migration.ContractLab;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.rbd.fence.CephBlocklist;
import dev.novalibvirt.rbd.fence.DiskGuard;
import dev.novalibvirt.rbd.fence.DiskInUse;
import dev.novalibvirt.rbd.fence.HostFencer;
import dev.novalibvirt.rbd.fence.MonCommand;
import dev.novalibvirt.rbd.fence.RbdImageHolderProbe;
import dev.novalibvirt.rbd.fence.StartPurpose;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;

/**
 * Evacuate with fencing. A Linux guest writing a counter to its RBD disk runs on a temporary host-c; host-c "dies"
 * (its link to the bridge is cut, its QEMU stays alive); evacuation fences host-c's Ceph clients (OSD blocklist)
 * and starts the guest on host-b. When host-c's link comes back, its old QEMU can no longer write, the new
 * guest's counter is never overwritten; repairing host-c removes the blocklist entry.
 */
class FenceIT {
    private static final Pattern IO_OK = Pattern.compile("(?m)^io=(\\d+) OK");

    private static String script(String name) {
        Path p = Path.of("lab/cmd", name);
        return (Files.exists(p) ? p : Path.of("conformance-tests/lab/cmd", name)).toString();
    }

    private static List<Long> oks(Path serial) {
        List<Long> l = new ArrayList<>();
        try {
            Matcher m = IO_OK.matcher(Files.exists(serial) ? Files.readString(serial) : "");
            while (m.find()) {
                l.add(Long.parseLong(m.group(1)));
            }
        } catch (java.io.IOException e) {
            // not there yet
        }
        return l;
    }

    private static long lastOk(Path serial) {
        List<Long> l = oks(serial);
        return l.isEmpty() ? -1 : l.get(l.size() - 1);
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static void ip(String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "ip";
        System.arraycopy(args, 0, argv, 1, args.length);
        ContractLab.Run r = ContractLab.run(Duration.ofSeconds(10), argv);
        assertThat(r.exitCode()).as("ip " + String.join(" ", args) + ": " + r.output()).isZero();
    }

    @Test
    void evacuationFencesTheDeadHostSoItsStillRunningQemuCannotOverwriteTheNewGuest() throws Exception {
        AutoCloseable hostC = FieldLab.exclusive("host-c");
        try {
            evacuate();
        } finally {
            hostC.close();
        }
    }

    private void evacuate() throws Exception {
        ContractLab.Run add = ContractLab.run(Duration.ofMinutes(4), "bash", script("host-add.sh"), "c");
        assertThat(add.exitCode()).as(add.output()).isZero();
        String veth = "nlab-veth-c";
        try (FieldLab lab = FieldLab.load()) {
            String cIp = lab.host("c", "IP");
            String name = FieldLab.name("fence");
            String image = lab.newDisk(name);
            lab.forgetDomainAtClose(name);
            ContractLab.Run xml = ContractLab.run(Duration.ofMinutes(5), "bash", script("busy-guest.sh"), "xml", name,
                    "mem_mb=256", "io=1", "disk=" + lab.get("POOL_VMS") + "/" + image);
            assertThat(xml.exitCode()).as(xml.output()).isZero();
            Connect c = lab.connect("c");
            Connect b = lab.connect("b");
            c.domainCreateXML(xml.output(), 0);
            Path serialC = lab.serialLog("c", name);
            assertThat(FieldLab.await(Duration.ofSeconds(90), () -> lastOk(serialC) >= 2)).as("guest writes on host-c").isTrue();

            CephBlocklist blocklist = new CephBlocklist(MonCommand.of(lab.adminRbd().monCommands()));
            DiskGuard guard = new DiskGuard(new RbdImageHolderProbe(lab.rbd()), blocklist::list);
            List<DiskGuard.GuardedImage> disks = List.of(new DiskGuard.GuardedImage(lab.get("POOL_VMS"), image));
            HostFencer fencer = new HostFencer(blocklist);
            boolean cut = false;
            try {
                // host-c "dies": its link is cut, its QEMU keeps running
                ip("link", "set", veth, "down");
                cut = true;
                long lastBeforeCut = lastOk(serialC);

                // evacuation without fencing is refused: host-c's client still holds the image
                assertThatThrownBy(() -> guard.checkCanStart(name, StartPurpose.EVACUATE, disks))
                        .isInstanceOf(DiskInUse.class).hasMessageContaining(cIp + ":");

                // fence host-c, then the guard lets the evacuation to host-b start
                String entry = fencer.fenceHost(cIp, Duration.ofMinutes(15));
                assertThat(entry).isEqualTo(cIp + ":0/0");
                DiskGuard.Verdict fenced = guard.checkCanStart(name, StartPurpose.EVACUATE, disks);
                System.out.println("FenceIT: fenced " + entry + ", holders ignored as fenced: "
                        + fenced.fencedHolders());
                b.domainCreateXML(xml.output(), 0);
                Path serialB = lab.serialLog("b", name);
                assertThat(FieldLab.await(Duration.ofSeconds(120), () -> oks(serialB).size() >= 3))
                        .as("the evacuated guest writes on host-b: " + read(serialB)).isTrue();

                // host-c comes back: its old QEMU is alive but fenced
                ip("link", "set", veth, "up");
                cut = false;
                long bBefore = lastOk(serialB);
                assertThat(FieldLab.await(Duration.ofSeconds(60), () -> lastOk(serialB) >= bBefore + 10))
                        .as("host-b keeps writing").isTrue();
                String c1 = read(serialC);
                System.out.println("FenceIT host-c serial tail:\n" + c1.substring(Math.max(0, c1.length() - 600)));
                assertThat(lastOk(serialC)).as("host-c's QEMU wrote nothing after it was cut off and fenced")
                        .isEqualTo(lastBeforeCut);
                assertThat(c1).as("host-c's QEMU is still alive (heartbeats)").contains("hb=");

                // the new guest's counter only ever grows by one: nobody else wrote its block
                List<Long> b1 = oks(serialB);
                for (int i = 1; i < b1.size(); i++) {
                    assertThat(b1.get(i)).as("counter on host-b, step " + i).isEqualTo(b1.get(i - 1) + 1);
                }
                System.out.printf("FenceIT: host-c last write %d (before the cut), host-b wrote %d..%d%n",
                        lastBeforeCut, b1.get(0), b1.get(b1.size() - 1));
            } finally {
                if (cut) {
                    ip("link", "set", veth, "up");
                }
                // repair: the stale QEMU is stopped and the host unfenced
                lab.purgeDomainOn("c", name);
                List<String> removed = fencer.unfenceHost(cIp);
                System.out.println("FenceIT: unfenced " + removed);
                assertThat(blocklist.list()).noneMatch(e -> e.address().startsWith(cIp + ":"));
            }
        } finally {
            ContractLab.Run del = ContractLab.run(Duration.ofMinutes(2), "bash", script("host-del.sh"), "c");
            System.out.println("host-del c -> " + del.exitCode());
        }
    }
}
