package dev.novalibvirt.conformance.xml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * What the XML conformance tests and XmlBench need from the shared lab: its {@code lab.env}, a libvirt connection
 * to host-a and RBD clones of the base image. Kept minimal and local until the lab's own extension is on main.
 * Everything created is named {@code xml-...} and removed by the caller ({@link #removeDomain}, {@link #removeImage}).
 */
public final class XmlLab implements AutoCloseable {
    /** libvirt's virDomainXMLFlags. */
    public static final int XML_SECURE = 1;
    public static final int XML_INACTIVE = 2;
    public static final int XML_UPDATE_CPU = 4;
    public static final int XML_MIGRATABLE = 8;

    private final Map<String, String> env;
    private Connect hostA;

    private XmlLab(Map<String, String> env) {
        this.env = env;
    }

    /** Reads lab.env ({@code $NOVA_LIBVIRT_LAB_ENV} or /var/lib/nova-libvirt-lab/lab.env); fails clearly if absent. */
    public static XmlLab open() {
        Path file = Path.of(System.getenv().getOrDefault("NOVA_LIBVIRT_LAB_ENV",
                "/var/lib/nova-libvirt-lab/lab.env"));
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("the lab is not up: " + file + " is missing; run './lab up' first");
        }
        Map<String, String> env = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    env.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        return new XmlLab(env);
    }

    public String get(String key) {
        String v = env.get(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalStateException("lab.env has no " + key);
        }
        return v;
    }

    /** A read-write connection to host-a's libvirtd, opened once. */
    public synchronized Connect hostA() {
        if (hostA == null) {
            try {
                hostA = new Connect(get("HOST_A_URI"), false);
            } catch (LibvirtException e) {
                throw new IllegalStateException("the lab's host-a libvirtd at " + get("HOST_A_URI")
                        + " does not answer: " + e.getMessage() + "; is the lab up ('./lab up')?", e);
            }
        }
        return hostA;
    }

    /** Monitor addresses of the lab's Ceph (no brackets), for {@code <host>} elements. */
    public List<String> monitors() {
        return Arrays.stream(get("CEPH_MON_HOSTS").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A fresh name for something this session creates. */
    public static String name(String what) {
        return "xml-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Clones the lab's base image snapshot into pool vms under a fresh {@code xml-...} name; returns the name. */
    public String cloneBaseImage() {
        String image = "xml-" + UUID.randomUUID();
        rbd("clone", get("POOL_IMAGES") + "/" + get("BASE_IMAGE_ID") + "@" + get("BASE_IMAGE_SNAP"),
                get("POOL_VMS") + "/" + image);
        return image;
    }

    /** Removes an image this session created in pool vms (ignores an image that is already gone). */
    public void removeImage(String image) {
        if (image != null) {
            try {
                rbd("rm", "--no-progress", get("POOL_VMS") + "/" + image);
            } catch (IllegalStateException e) {
                if (!e.getMessage().contains("No such file")) {
                    throw e;
                }
            }
        }
    }

    private void rbd(String... args) {
        List<String> cmd = new ArrayList<>(List.of("rbd", "-c", get("CEPH_CONF"), "--id", get("CEPH_USER"),
                "--keyring", get("CEPH_KEYRING")));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("rbd " + args[0] + " failed: " + out.trim());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run rbd", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running rbd", e);
        }
    }

    /** Destroys (if running) and undefines a domain by name on host-a; absent domains are fine. */
    public void removeDomain(String name) {
        if (name == null) {
            return;
        }
        Domain d;
        try {
            d = hostA().domainLookupByName(name);
        } catch (LibvirtException e) {
            return; // not there
        }
        try {
            if (d.isActive() == 1) {
                d.destroy();
            }
        } catch (LibvirtException e) {
            // already stopped
        }
        try {
            d.undefine(0);
        } catch (LibvirtException e) {
            // transient or already gone
        }
    }

    @Override
    public synchronized void close() {
        if (hostA != null) {
            try {
                hostA.close();
            } catch (LibvirtException e) {
                // closing only
            }
            hostA = null;
        }
    }
}
