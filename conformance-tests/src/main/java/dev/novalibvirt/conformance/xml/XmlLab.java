package dev.novalibvirt.conformance.xml;

import dev.novalibvirt.conformance.lab.Lab;
import java.util.List;
import java.util.UUID;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * What the XML conformance tests and XmlBench need from the shared {@link Lab}: lab.env values, host-a's libvirt
 * connection, RBD clones of the base image and clean-up. Everything created is named {@code xml-...} and removed by
 * the caller ({@link #removeDomain}, {@link #removeImage}).
 */
public final class XmlLab implements AutoCloseable {
    /** libvirt's virDomainXMLFlags. */
    public static final int XML_SECURE = 1;
    public static final int XML_INACTIVE = 2;
    public static final int XML_UPDATE_CPU = 4;
    public static final int XML_MIGRATABLE = 8;

    private final Lab lab;
    private final boolean owned;

    /** Over a Lab someone else owns (the LabExtension's). */
    public XmlLab(Lab lab) {
        this(lab, false);
    }

    private XmlLab(Lab lab, boolean owned) {
        this.lab = lab;
        this.owned = owned;
    }

    /** Opens the lab for a main program (the benchmark); {@link #close()} closes it. */
    public static XmlLab open() {
        return new XmlLab(Lab.open(), true);
    }

    public String get(String key) {
        return lab.env().get(key);
    }

    /** host-a's shared read-write connection (owned by the Lab). */
    public Connect hostA() {
        return lab.connect(lab.hostA());
    }

    /** Monitor addresses of the lab's Ceph (no brackets), for {@code <host>} elements. */
    public List<String> monitors() {
        return lab.env().monHosts();
    }

    /** A fresh name for something this session creates. */
    public static String name(String what) {
        return "xml-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Clones the lab's base image snapshot into pool vms under a fresh {@code xml-...} name; returns the name. */
    public String cloneBaseImage() {
        String image = "xml-" + UUID.randomUUID();
        lab.cloneBaseImage(image);
        return image;
    }

    /** Removes an image this session created in pool vms (no error when it is already gone). */
    public void removeImage(String image) {
        if (image != null) {
            lab.removeVmsImage(image);
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
    public void close() {
        if (owned) {
            lab.close();
        }
    }
}
