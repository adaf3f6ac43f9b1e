package dev.novalibvirt.core.xml;

import dev.novalibvirt.core.image.DiskCacheModes;
import dev.novalibvirt.core.xml.domain.CharDevice;
import dev.novalibvirt.core.xml.domain.CharSource;
import dev.novalibvirt.core.xml.domain.CharTarget;
import dev.novalibvirt.core.xml.domain.Devices;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.DiskHost;
import dev.novalibvirt.core.xml.domain.DiskSource;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.core.xml.domain.Graphics;
import dev.novalibvirt.core.xml.domain.OtherElement;
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

    /**
     * A copy in which every RBD disk of the image backend gets {@code hosts}, as Nova's {@code _update_rbd_xml}
     * does with the live monmap; user-attached volumes (alias {@code ua-...}) belong to Cinder and keep theirs.
     */
    public static Domain withImageRbdHosts(Domain domain, List<DiskHost> hosts) {
        return edit(domain, d -> {
            for (Disk disk : rbdDisks(d)) {
                if (!isUserAttached(disk)) {
                    disk.getSource().setHosts(copyHosts(hosts));
                }
            }
        });
    }

    /** A user-attached (Cinder) disk: libvirt alias {@code ua-...}, which Nova gives volumes it attaches. */
    public static boolean isUserAttached(Disk disk) {
        return disk.getAlias() != null && disk.getAlias().startsWith("ua-");
    }

    /**
     * A copy in which every tcp {@code <serial>} and {@code <console>} with a {@code <source>} binds {@code host}
     * and, when {@code portsByTargetPort} has an entry for the device's {@code <target port>} (0 when absent), that
     * port as its service, as Nova's {@code _update_serial_xml} does with {@code serial_listen_addr} and
     * {@code serial_listen_ports}. A device without an acquired port keeps its service.
     */
    public static Domain withTcpCharListen(Domain domain, String host, List<Integer> portsByTargetPort) {
        return edit(domain, d -> {
            for (CharDevice<?> dev : serialsAndConsoles(d)) {
                CharSource src = dev.getSource();
                if (!"tcp".equals(dev.getType()) || src == null) {
                    continue;
                }
                src.setHost(host);
                CharTarget target = dev.getTarget();
                int index = target != null && target.getPort() != null ? Integer.parseInt(target.getPort()) : 0;
                if (index < portsByTargetPort.size()) {
                    src.setService(Integer.toString(portsByTargetPort.get(index)));
                }
            }
        });
    }

    /**
     * A copy in which {@code disk_cachemodes} is re-applied to every disk with a qemu (or unnamed) {@code <driver>}
     * by its source type (file, block, network); shareable disks always get {@code none}, as in Nova's
     * {@code _set_cache_mode} (bug 1706083: RBD writeback, and with it librbd's cache, was lost on migration).
     * Disks without a configured mode keep theirs.
     */
    public static Domain withCacheModes(Domain domain, DiskCacheModes modes) {
        return edit(domain, d -> {
            for (Disk disk : d.getDisks()) {
                Disk.Driver driver = disk.getDriver();
                if (driver == null || driver.getName() != null && !"qemu".equals(driver.getName())) {
                    continue;
                }
                String mode = disk.isShareable() ? "none" : modes.forSourceType(disk.getType()).orElse(null);
                if (mode != null) {
                    driver.setCache(mode);
                }
            }
        });
    }

    /**
     * A copy in which file paths under {@code fromDir} of serials and consoles ({@code <source path>}, e.g. the
     * {@code console.log}, and {@code <log file>}) are moved under {@code toDir}. Nova assumes the same
     * {@code instances_path} on every host; hosts that differ would have QEMU write into the source's directory.
     */
    public static Domain withInstanceDir(Domain domain, String fromDir, String toDir) {
        String from = fromDir.endsWith("/") ? fromDir : fromDir + "/";
        String to = toDir.endsWith("/") ? toDir : toDir + "/";
        return edit(domain, d -> {
            for (CharDevice<?> dev : serialsAndConsoles(d)) {
                CharSource src = dev.getSource();
                if (src != null && src.getPath() != null && src.getPath().startsWith(from)) {
                    src.setPath(to + src.getPath().substring(from.length()));
                }
                OtherElement log = dev.otherElement("log").orElse(null);
                String file = log == null ? null : log.getAttribute("file");
                if (file != null && file.startsWith(from)) {
                    log.setAttribute("file", to + file.substring(from.length()));
                }
            }
        });
    }

    private static List<CharDevice<?>> serialsAndConsoles(Domain d) {
        List<CharDevice<?>> out = new ArrayList<>();
        if (d.getDevices() != null) {
            out.addAll(d.getDevices().getSerials());
            out.addAll(d.getDevices().getConsoles());
        }
        return out;
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
