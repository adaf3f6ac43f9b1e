package dev.novalibvirt.conformance.field;

import static org.junit.jupiter.api.Assertions.fail;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.migration.xml.MonitorAddress;
import dev.novalibvirt.rbd.RbdConfig;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.RbdLocation;
import dev.novalibvirt.rbd.rados.MonProtocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * The lab as the field tests see it, read from {@code lab.env} through the lab's {@link LabEnv}; fails with
 * "lab is not up" when the lab is down. Everything it creates is named {@code field-...} with a fresh uuid part.
 */
final class FieldLab implements AutoCloseable {
    private final Map<String, String> env;
    private final List<Runnable> cleanups = new ArrayList<>();
    private RbdDriver rbd;

    private FieldLab(Map<String, String> env) {
        this.env = env;
    }

    /** The lab as {@code ./lab up} described it ({@link LabEnv}); fails with "lab is not up" when it is down. */
    static FieldLab load() {
        return new FieldLab(LabEnv.load().asMap());
    }

    String get(String key) {
        String v = env.get(key);
        if (v == null) {
            fail("lab.env has no " + key);
        }
        return v;
    }

    String host(String letter, String key) {
        return get("HOST_" + letter.toUpperCase(Locale.ROOT) + "_" + key);
    }

    Connect connect(String letter) throws LibvirtException {
        Connect c = new Connect(host(letter, "URI"));
        cleanups.add(() -> {
            try {
                c.close();
            } catch (LibvirtException e) {
                // closing a connection the test already lost
            }
        });
        return c;
    }

    synchronized RbdDriver rbd() {
        if (rbd == null) {
            rbd = new RbdDriver(RbdConfig.builder(Path.of(get("CEPH_CONF")), get("CEPH_USER"))
                    .keyring(Path.of(get("CEPH_KEYRING"))).pool(get("POOL_VMS")).imagesPool(get("POOL_IMAGES"))
                    .secretUuid(get("RBD_SECRET_UUID")).connectTimeout(Duration.ofSeconds(10))
                    .opTimeout(Duration.ofSeconds(30)).build());
        }
        return rbd;
    }

    private RbdDriver adminRbd;

    /** A client as client.admin: fencing and unfencing are operator actions (client.nova may only add). */
    synchronized RbdDriver adminRbd() {
        if (adminRbd == null) {
            adminRbd = new RbdDriver(RbdConfig.builder(Path.of(get("CEPH_CONF")), "admin")
                    .keyring(Path.of(get("CEPH_ADMIN_KEYRING"))).pool(get("POOL_VMS")).imagesPool(get("POOL_IMAGES"))
                    .secretUuid(get("RBD_SECRET_UUID")).connectTimeout(Duration.ofSeconds(10))
                    .opTimeout(Duration.ofSeconds(30)).build());
        }
        return adminRbd;
    }

    /** The current monitors (v1 addresses, as the lab's guests use them). */
    List<MonitorAddress> monitors() {
        return rbd().monitorAddresses(MonProtocol.V1).stream()
                .map(a -> new MonitorAddress(a.host(), Integer.toString(a.port()))).toList();
    }

    /**
     * A machine-wide lock held for the whole of a test that changes something shared (the monitor's address,
     * the temporary host-c), so that two runs of it (two sessions' './lab test') never overlap.
     */
    static AutoCloseable exclusive(String what) {
        try {
            java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(
                    Path.of("/run/lock/nova-libvirt-lab-field-" + what + ".lock"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
            java.nio.channels.FileLock lock = ch.lock();
            return () -> {
                lock.release();
                ch.close();
            };
        } catch (IOException e) {
            throw new IllegalStateException("cannot take the field lock " + what, e);
        }
    }

    static String name(String what) {
        return "field-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A copy-on-write clone of the lab's boot-sector base image in vms, removed at close. */
    String newDisk(String name) {
        String image = name + "_disk";
        rbd().clone(new RbdLocation(get("CEPH_FSID"), get("POOL_IMAGES"), get("BASE_IMAGE_ID"), get("BASE_IMAGE_SNAP")),
                get("POOL_VMS"), image);
        cleanups.add(() -> rbd().destroyVolume(get("POOL_VMS"), image));
        return image;
    }

    /** Destroys and undefines {@code name} on every lab host at close. */
    void forgetDomainAtClose(String name) {
        cleanups.add(() -> purgeDomain(name));
    }

    void purgeDomain(String name) {
        for (String letter : hostLetters()) {
            purgeDomainOn(letter, name);
        }
    }

    void purgeDomainOn(String letter, String name) {
        {
            try (Closer c = new Closer(new Connect(host(letter, "URI")))) {
                // listing instead of a lookup: libvirt prints every failed lookup on stderr
                Domain d = null;
                for (Domain x : c.conn.listAllDomains(0)) {
                    if (x.getName().equals(name)) {
                        d = x;
                    }
                }
                if (d == null) {
                    return;
                }
                if (d.isActive() == 1) {
                    d.destroy();
                }
                if (d.isPersistent() == 1) {
                    d.undefine();
                }
            } catch (LibvirtException e) {
                // not on this host
            }
        }
    }

    static String nameOf(Domain d) {
        try {
            return d.getName();
        } catch (LibvirtException e) {
            return "?";
        }
    }

    List<String> hostLetters() {
        List<String> l = new ArrayList<>();
        for (String h : get("HOSTS").split(",")) {
            l.add(h.strip().substring("host-".length()));
        }
        return l;
    }

    /** The serial log of a guest on a lab host, as seen from the root namespace. */
    Path serialLog(String letter, String name) {
        return Path.of(host(letter, "STATE"), "log", "qemu", name + "-serial.log");
    }

    /** QEMU's own log of a guest on a lab host. */
    Path qemuLog(String letter, String name) {
        return Path.of(host(letter, "STATE"), "log", "qemu", name + ".log");
    }

    /**
     * A boot-sector guest (the lab's base image prints '.' on its serial port ~18 times a second) whose only
     * disk is {@code vms/image} over RBD. Always TCG: under load this machine's nested KVM intermittently gives
     * the boot sector no timer ticks (no serial output), TCG always does.
     */
    String bootSectorDomain(String name, String image, String cache, String confFile, List<MonitorAddress> mons) {
        StringBuilder hosts = new StringBuilder();
        mons.forEach(m -> hosts.append("<host name='").append(m.host()).append("' port='").append(m.port()).append("'/>"));
        return """
                <domain type='qemu'>
                  <name>%s</name>
                  <memory unit='MiB'>64</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
                  <clock offset='utc'/>
                  <on_poweroff>destroy</on_poweroff><on_reboot>restart</on_reboot><on_crash>destroy</on_crash>
                  <devices>
                    <emulator>/usr/bin/qemu-system-x86_64</emulator>
                    <disk type='network' device='disk'>
                      <driver name='qemu' type='raw'%s/>
                      <auth username='%s'><secret type='ceph' uuid='%s'/></auth>
                      <source protocol='rbd' name='%s/%s'>%s%s</source>
                      <target dev='vda' bus='virtio'/>
                    </disk>
                    <serial type='file'><source path='/var/log/libvirt/qemu/%s-serial.log' append='on'/><target port='0'/></serial>
                    <memballoon model='none'/>
                  </devices>
                </domain>""".formatted(name, cache == null ? "" : " cache='" + cache + "'",
                get("CEPH_USER"), get("RBD_SECRET_UUID"), get("POOL_VMS"), image, hosts,
                confFile == null ? "" : "<config file='" + confFile + "'/>", name);
    }

    static long size(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    static boolean await(Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            sleep(200);
        }
        return condition.getAsBoolean();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (int i = cleanups.size() - 1; i >= 0; i--) {
            try {
                cleanups.get(i).run();
            } catch (RuntimeException e) {
                System.err.println("field cleanup: " + e.getMessage());
            }
        }
        cleanups.clear();
        if (rbd != null) {
            rbd.close();
        }
        if (adminRbd != null) {
            adminRbd.close();
        }
    }

    private record Closer(Connect conn) implements AutoCloseable {
        @Override
        public void close() throws LibvirtException {
            conn.close();
        }
    }
}
