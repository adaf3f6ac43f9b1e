package dev.novalibvirt.conformance.secrets;

import dev.novalibvirt.conformance.lab.Lab;
import dev.novalibvirt.conformance.lab.LabHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * What exists only while it runs: every domain's XML in every flavour and every libvirt secret's XML on each lab
 * host (through libvirt, as {@code virsh dumpxml} / {@code secret-dumpxml} would show them), and the command line
 * of every process on the machine ({@code /proc/PID/cmdline}; QEMU's also against {@link QemuSecretObjects}).
 */
public final class LiveHaystacks {
    /** virDomainXMLFlags: SECURE 1, INACTIVE 2, UPDATE_CPU 4, MIGRATABLE 8. SECURE shows VNC/SPICE passwords,
     *  never a libvirt secret's value (a disk's auth names the secret by uuid). */
    private static final Map<String, Integer> FLAVOURS = Map.of(
            "dumpxml", 0, "dumpxml --inactive", 2, "dumpxml --security-info", 1,
            "dumpxml --inactive --security-info", 3, "dumpxml --migratable", 8, "dumpxml --update-cpu", 4);

    private LiveHaystacks() {
    }

    public static void libvirt(Lab lab, SecretScan scan) {
        for (LabHost host : lab.hosts()) {
            Connect c = lab.openConnect(host);
            try {
                for (String name : domainNames(c)) {
                    dumpXml(c, host, name, scan);
                }
                for (String uuid : c.listSecrets()) {
                    try {
                        scan.text(host.name() + " secret-dumpxml " + uuid,
                                c.secretLookupByUUIDString(uuid).getXMLDesc(), false);
                    } catch (LibvirtException e) {
                        // undefined since it was listed
                    }
                }
            } catch (LibvirtException e) {
                scan.text(host.name() + " libvirt", "listing failed: " + e.getMessage(), false);
            } finally {
                close(c);
            }
        }
    }

    private static void dumpXml(Connect c, LabHost host, String name, SecretScan scan) {
        try {
            domain(host.name(), c.domainLookupByName(name), scan);
        } catch (LibvirtException e) {
            // gone since it was listed
        }
    }

    /** One domain's XML in every flavour, located as {@code WHERE dumpxml --FLAGS NAME:line}. */
    public static void domain(String where, Domain d, SecretScan scan) throws LibvirtException {
        String name = d.getName();
        for (Map.Entry<String, Integer> flavour : FLAVOURS.entrySet()) {
            try {
                scan.text(where + " " + flavour.getKey() + " " + name, d.getXMLDesc(flavour.getValue()), false);
            } catch (LibvirtException e) {
                // stopped meanwhile, or a flavour this domain's state does not have
            }
        }
    }

    private static Set<String> domainNames(Connect c) throws LibvirtException {
        Set<String> names = new LinkedHashSet<>(List.of(c.listDefinedDomains()));
        for (int id : c.listDomains()) {
            try {
                names.add(c.domainLookupByID(id).getName());
            } catch (LibvirtException e) {
                // stopped since it was listed
            }
        }
        return names;
    }

    private static void close(Connect c) {
        try {
            c.close();
        } catch (LibvirtException e) {
            // nothing to scan in a failed close
        }
    }

    /** Every process's argv, one argument a line. */
    public static void processes(SecretScan scan) {
        List<Path> pids = new ArrayList<>();
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            proc.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(pids::add);
        } catch (IOException e) {
            scan.text("/proc", "cannot list: " + e.getMessage(), false);
            return;
        }
        pids.forEach(pid -> process(pid, scan));
    }

    /** One process's argv ({@code /proc/PID}), one argument a line; nothing when it has ended. */
    public static void process(Path procPid, SecretScan scan) {
        try {
            String comm = Files.readString(procPid.resolve("comm"), StandardCharsets.UTF_8).strip();
            byte[] cmdline = Files.readAllBytes(procPid.resolve("cmdline"));
            String argv = new String(cmdline, StandardCharsets.UTF_8).replace('\0', '\n');
            scan.text("pid " + procPid.getFileName() + " (" + comm + ") argv", argv, comm.startsWith("qemu"));
        } catch (IOException e) {
            // the process ended
        }
    }
}
