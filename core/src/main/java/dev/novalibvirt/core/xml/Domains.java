package dev.novalibvirt.core.xml;

import dev.novalibvirt.core.xml.domain.CharSource;
import dev.novalibvirt.core.xml.domain.Devices;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.DiskHost;
import dev.novalibvirt.core.xml.domain.DiskSource;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.core.xml.domain.Graphics;
import dev.novalibvirt.core.xml.domain.Serial;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Small pure helpers over a {@link Domain} for the migration code (the Java side of Nova's
 * {@code nova.virt.libvirt.migration} XML rewriters). Finders return live objects of the given domain. The
 * {@code with...} rewriters NEVER change their argument: they return a changed deep copy in which only the named
 * elements or attributes differ; everything else, known or unknown, is written back as it was, in place.
 */
public final class Domains {
    private Domains() {
    }

    /** The disk whose {@code <target dev>} is {@code dev} (vda, sdb, ...). */
    public static Optional<Disk> findDiskByTarget(Domain domain, String dev) {
        return domain.getDisks().stream().filter(d -> Objects.equals(dev, d.getTargetDev())).findFirst();
    }

    /** The disk whose {@code <serial>} is {@code serial} (Nova: a Cinder volume id). */
    public static Optional<Disk> findDiskBySerial(Domain domain, String serial) {
        return domain.getDisks().stream().filter(d -> Objects.equals(serial, d.getSerial())).findFirst();
    }

    /** All RBD disks ({@code type='network'}, {@code protocol='rbd'}) in device order. */
    public static List<Disk> rbdDisks(Domain domain) {
        return domain.getDisks().stream().filter(Disk::isRbd).toList();
    }

    /** A copy of {@code domain} after {@code edit} ran on it; {@code domain} itself is left unchanged. */
    public static Domain edit(Domain domain, Consumer<Domain> edit) {
        Domain copy = DomainXml.copy(domain);
        edit.accept(copy);
        return copy;
    }

    /**
     * A copy in which the {@code <host>} list of every RBD disk is replaced by {@code hosts} (for example after the
     * Ceph monitors moved), in place; other disks and the rest of each source (auth, snapshot, config) untouched.
     */
    public static Domain withRbdHosts(Domain domain, List<DiskHost> hosts) {
        return edit(domain, d -> {
            for (Disk disk : rbdDisks(d)) {
                disk.getSource().setHosts(copyHosts(hosts));
            }
        });
    }

    /** A copy in which the network disk with target {@code dev} has exactly {@code hosts}. */
    public static Domain withDiskHosts(Domain domain, String dev, List<DiskHost> hosts) {
        Disk disk = findDiskByTarget(domain, dev).orElseThrow(
                () -> new DomainXmlException("domain " + domain.getName() + " has no disk with target '" + dev + "'"));
        if (!"network".equals(disk.getType()) || disk.getSource() == null) {
            throw new DomainXmlException("disk '" + dev + "' of domain " + domain.getName()
                    + " is not a network disk (type '" + disk.getType() + "')");
        }
        return edit(domain, d -> findDiskByTarget(d, dev).orElseThrow().getSource().setHosts(copyHosts(hosts)));
    }

    /**
     * A copy in which the disk with the same target dev as {@code disk} is replaced by (a copy of) {@code disk} at
     * the same device position, as Nova's {@code _update_volume_xml} swaps a volume's XML.
     */
    public static Domain withDisk(Domain domain, Disk disk) {
        String dev = disk.getTargetDev();
        findDiskByTarget(domain, dev).orElseThrow(
                () -> new DomainXmlException("domain " + domain.getName() + " has no disk with target '" + dev + "'"));
        Disk replacement = DomainXml.copy(disk);
        return edit(domain, d -> {
            Devices devices = d.getDevices();
            devices.replace(findDiskByTarget(d, dev).orElseThrow(), replacement);
        });
    }

    /**
     * A copy in which every graphics device of {@code type} (vnc or spice; null for both) listens on
     * {@code address}: the {@code listen} attribute and the {@code <listen type='address'>} children, as Nova's
     * {@code _update_graphics_xml} does for the destination's {@code graphics_listen_addr_vnc/spice}.
     */
    public static Domain withGraphicsListen(Domain domain, String type, String address) {
        return edit(domain, d -> {
            for (Graphics g : d.getDevices().getGraphics()) {
                boolean match = type == null ? "vnc".equals(g.getType()) || "spice".equals(g.getType())
                        : type.equals(g.getType());
                if (match) {
                    g.setListenAddress(address);
                }
            }
        });
    }

    /**
     * A copy in which the n-th {@code <serial type='tcp'>} gets {@code <source host='host' service='services[n]'>},
     * as Nova's {@code _update_serial_xml} does with {@code serial_listen_addr} and {@code serial_listen_ports}.
     * Fails, changing nothing, when there are fewer services than tcp serial ports.
     */
    public static Domain withSerialTcpSources(Domain domain, String host, List<String> services) {
        long tcp = domain.getDevices().getSerials().stream().filter(s -> "tcp".equals(s.getType())).count();
        if (services.size() < tcp) {
            throw new DomainXmlException("domain " + domain.getName() + " has " + tcp
                    + " tcp serial ports but only " + services.size() + " listen ports were given");
        }
        return edit(domain, d -> {
            int i = 0;
            for (Serial s : d.getDevices().getSerials()) {
                if ("tcp".equals(s.getType())) {
                    CharSource src = s.getSource();
                    if (src == null) {
                        src = new CharSource().setMode("bind");
                        s.setSource(src);
                    }
                    src.setHost(host).setService(services.get(i++));
                }
            }
        });
    }

    private static List<DiskHost> copyHosts(List<DiskHost> hosts) {
        List<DiskHost> out = new ArrayList<>();
        for (DiskHost h : hosts) {
            out.add(new DiskHost(h.getName(), h.getPort()).setTransport(h.getTransport()).setSocket(h.getSocket()));
        }
        return out;
    }

    /** The RBD source names ({@code pool/image}) of a domain's disks, in device order. */
    public static List<String> rbdImages(Domain domain) {
        return rbdDisks(domain).stream().map(Disk::getSource).map(DiskSource::getName).toList();
    }
}
