package dev.novalibvirt.conformance.lab;

import dev.novalibvirt.core.image.DiskCacheModes;
import dev.novalibvirt.rbd.RbdConfig;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.RbdLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * The running lab as a test sees it: its env, one shared libvirt connection per host, one RBD driver (the
 * library's own, so one owned librados client) as {@code client.nova}. Connections are opened on first use and closed by {@link #close()} (the
 * {@link LabExtension} does that at the end of the run). Safe to share between threads.
 */
public final class Lab implements AutoCloseable {
    private final LabEnv env;
    private final Map<String, Connect> connections = new LinkedHashMap<>();
    private RbdDriver rbd;

    private Lab(LabEnv env) {
        this.env = env;
    }

    /** Opens the lab described by {@link LabEnv#load()}; fails with {@link LabNotUpException} when it is not up. */
    public static Lab open() {
        return open(LabEnv.load());
    }

    public static Lab open(LabEnv env) {
        LibvirtQuiet.install();
        return new Lab(env);
    }

    public LabEnv env() {
        return env;
    }

    /**
     * The lab's hosts as lab.env lists them NOW: hosts come and go with {@code ./lab host-add/host-del} while a
     * run goes on (a host is listed once it answers and unlisted before it is stopped).
     */
    public List<LabHost> hosts() {
        return current().hosts();
    }

    /** A host by name ({@code host-c} or {@code c}), from lab.env as it is now; see {@link #hosts()}. */
    public LabHost host(String name) {
        return current().host(name);
    }

    private LabEnv current() {
        return LabEnv.load(env.file());
    }

    public LabHost hostA() {
        return env.host("host-a");
    }

    public LabHost hostB() {
        return env.host("host-b");
    }

    /**
     * The shared connection to {@code host}; do not close it. A connection that died since (the fault and field
     * tests restart and kill libvirtds) is replaced, so that a later test does not inherit an earlier one's fault.
     */
    public synchronized Connect connect(LabHost host) {
        Connect c = connections.get(host.uri());
        if (c != null && !alive(c)) {
            closeQuietly(c);
            c = null;
        }
        if (c == null) {
            c = openConnect(host);
            connections.put(host.uri(), c);
        }
        return c;
    }

    private static boolean alive(Connect c) {
        try {
            // isAlive alone reports a connection whose socket the server closed as alive until it is next used
            return c.isAlive() && c.getLibVersion() > 0;
        } catch (LibvirtException e) {
            return false;
        }
    }

    private static void closeQuietly(Connect c) {
        try {
            c.close();
        } catch (LibvirtException e) {
            // it is dead already
        }
    }

    /** A new connection to {@code host} that the caller owns and closes. */
    public Connect openConnect(LabHost host) {
        try {
            return new Connect(host.uri(), false);
        } catch (LibvirtException e) {
            throw new LabNotUpException(host.name() + " does not answer on " + host.uri() + ": " + e.getMessage(), e);
        }
    }

    /** The shared RBD driver, as client.nova with the lab's ceph.conf and keyring; closed by {@link #close()}. */
    public synchronized RbdDriver rbd() {
        if (rbd == null) {
            rbd = new RbdDriver(rbdConfig(env).build());
        }
        return rbd;
    }

    /** The library's configuration for the lab: client.nova, pools vms/images, the lab's libvirt secret. */
    public static RbdConfig.Builder rbdConfig(LabEnv env) {
        return RbdConfig.builder(env.cephConf(), env.cephUser())
                .keyring(env.cephKeyring())
                .pool(env.poolVms())
                .imagesPool(env.poolImages())
                .secretUuid(env.rbdSecretUuid().toString())
                .connectTimeout(Duration.ofSeconds(5))
                .opTimeout(Duration.ofSeconds(20))
                .destroyRetries(3)
                .destroyRetryInterval(Duration.ofSeconds(1))
                .diskCacheModes(DiskCacheModes.parse("network=writeback"));
    }

    /**
     * Clones the base image's protected snapshot into the vms pool, as Nova's RBD backend does for a new
     * instance. Returns {@code vms/<childName>}; remove it with {@link #removeVmsImage(String)}.
     */
    public String cloneBaseImage(String childName) {
        rbd().clone(new RbdLocation(env.fsid(), env.poolImages(), env.baseImageId(), env.baseImageSnap()),
                env.poolVms(), childName);
        return env.poolVms() + "/" + childName;
    }

    /** Removes an image of the vms pool; no error when it is already gone. */
    public void removeVmsImage(String name) {
        rbd().destroyVolume(env.poolVms(), name);
    }

    /** Size of the serial log of a {@link LabGuests} guest on {@code host}; 0 when it has none yet. */
    public long serialBytes(LabHost host, String domainName) {
        Path log = host.serialLog(domainName);
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the serial log of a {@link LabGuests} guest on {@code host} grows past its current size,
     * i.e. the guest runs there. Returns false when it did not grow within {@code timeout}.
     */
    public boolean awaitSerialGrowth(LabHost host, String domainName, Duration timeout) throws InterruptedException {
        long before = serialBytes(host, domainName);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(100);
            if (serialBytes(host, domainName) > before) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void close() {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Connect> c : connections.entrySet()) {
            try {
                c.getValue().close();
            } catch (LibvirtException e) {
                failures.add(c.getKey() + ": " + e.getMessage());
            }
        }
        connections.clear();
        if (rbd != null) {
            rbd.close();
            rbd = null;
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("closing lab connections failed: " + failures);
        }
    }
}
