package dev.novalibvirt.conformance.lab;

import com.ceph.rados.IoCTX;
import com.ceph.rados.Rados;
import com.ceph.rados.exceptions.RadosException;
import com.ceph.rbd.Rbd;
import com.ceph.rbd.RbdException;
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
 * The running lab as a test sees it: its env, one shared libvirt connection per host, one rados client as
 * {@code client.nova}. Connections are opened on first use and closed by {@link #close()} (the
 * {@link LabExtension} does that at the end of the run). Safe to share between threads.
 */
public final class Lab implements AutoCloseable {
    /** RBD image feature 'layering', what Nova's clones need. */
    private static final long RBD_FEATURE_LAYERING = 1L;

    private final LabEnv env;
    private final Map<String, Connect> connections = new LinkedHashMap<>();
    private Rados rados;

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

    /** The shared connection to {@code host}; do not close it. */
    public synchronized Connect connect(LabHost host) {
        Connect c = connections.get(host.uri());
        if (c == null) {
            c = openConnect(host);
            connections.put(host.uri(), c);
        }
        return c;
    }

    /** A new connection to {@code host} that the caller owns and closes. */
    public Connect openConnect(LabHost host) {
        try {
            return new Connect(host.uri(), false);
        } catch (LibvirtException e) {
            throw new LabNotUpException(host.name() + " does not answer on " + host.uri() + ": " + e.getMessage(), e);
        }
    }

    /** The shared rados client, connected as client.nova with the lab's ceph.conf and keyring. */
    public synchronized Rados rados() {
        if (rados == null) {
            rados = openRados();
        }
        return rados;
    }

    /** A new rados client as client.nova that the caller owns ({@code shutDown()}). */
    public Rados openRados() {
        Rados r = new Rados(env.cephUser());
        try {
            r.confReadFile(env.cephConf().toFile());
            r.confSet("keyring", env.cephKeyring().toString());
            r.confSet("client_mount_timeout", "15");
            r.connect();
            return r;
        } catch (RadosException e) {
            r.shutDown();
            throw new LabNotUpException("ceph does not answer as client." + env.cephUser() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Clones the base image's protected snapshot into the vms pool, as Nova's RBD backend does for a new
     * instance. Returns {@code vms/<childName>}; remove it with {@link #removeVmsImage(String)}.
     */
    public String cloneBaseImage(String childName) {
        IoCTX images = null;
        IoCTX vms = null;
        try {
            images = rados().ioCtxCreate(env.poolImages());
            vms = rados().ioCtxCreate(env.poolVms());
            new Rbd(images).clone(env.baseImageId(), env.baseImageSnap(), vms, childName, RBD_FEATURE_LAYERING, 0);
            return env.poolVms() + "/" + childName;
        } catch (RadosException | RbdException e) {
            throw new IllegalStateException("cannot clone the base image to " + env.poolVms() + "/" + childName, e);
        } finally {
            destroy(images);
            destroy(vms);
        }
    }

    /** Removes an image of the vms pool; no error when it is already gone. */
    public void removeVmsImage(String name) {
        IoCTX vms = null;
        try {
            vms = rados().ioCtxCreate(env.poolVms());
            Rbd rbd = new Rbd(vms);
            if (List.of(rbd.list()).contains(name)) {
                rbd.remove(name);
            }
        } catch (RadosException | RbdException e) {
            throw new IllegalStateException("cannot remove " + env.poolVms() + "/" + name, e);
        } finally {
            destroy(vms);
        }
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

    private void destroy(IoCTX io) {
        if (io != null) {
            rados().ioCtxDestroy(io);
        }
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
        if (rados != null) {
            rados.shutDown();
            rados = null;
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("closing lab connections failed: " + failures);
        }
    }
}
