package dev.novalibvirt.core.xml;

import dev.novalibvirt.core.image.DiskCacheModes;
import dev.novalibvirt.core.xml.domain.CharDevice;
import dev.novalibvirt.core.xml.domain.CharSource;
import dev.novalibvirt.core.xml.domain.CharTarget;
import dev.novalibvirt.core.xml.domain.Devices;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.DiskHost;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.core.xml.domain.Graphics;
import dev.novalibvirt.core.xml.domain.Interface;
import dev.novalibvirt.core.xml.domain.InterfaceSource;
import dev.novalibvirt.core.xml.domain.OtherElement;
import dev.novalibvirt.core.validation.Checks;
import dev.novalibvirt.core.validation.SafeText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A chain of XML rewrites (the Java side of Nova's {@code nova.virt.libvirt.migration} {@code _update_*_xml}
 * functions) on ONE working model: parsed once from text ({@link #of(String)}) or copied once from a domain
 * ({@link #copyOf(Domain)}), changed in place by each step, handed over by {@link #result()}. Why: each rewrite on
 * its own deep copy re-parsed the whole domain (a copy is a write and a parse), five times per migration.
 *
 * <p>Nobody else sees the working model until {@link #result()}, and the rewrite refuses every call after it, so
 * the model handed over is never changed behind its new owner's back. Only the named elements or attributes
 * change; everything else, known or unknown, is written back as it was, in place.
 *
 * <p>Each step checks its arguments (host names and addresses, ports 1-65535, absolute normalised dirs, at least one
 * monitor) and what it reads from the domain (numeric target ports) before it changes anything, and refuses with a
 * typed {@code NovaException}: {@code InvalidInput} for arguments, {@link DomainXmlException} for the domain.
 */
public final class DomainRewrite {
    private Domain working;

    private DomainRewrite(Domain working) {
        this.working = working;
    }

    /** A rewrite of the domain XML {@code xml}, parsed once. */
    public static DomainRewrite of(String xml) {
        return new DomainRewrite(DomainXml.parse(xml));
    }

    /** A rewrite of a deep copy of {@code domain}; {@code domain} itself is never changed. */
    public static DomainRewrite copyOf(Domain domain) {
        return new DomainRewrite(DomainXml.copy(Checks.required(domain, "domain")));
    }

    /** The rewritten domain; the rewrite is finished and refuses further steps. */
    public Domain result() {
        Domain d = working();
        working = null;
        return d;
    }

    private Domain working() {
        if (working == null) {
            throw new IllegalStateException("this rewrite has handed over its result already");
        }
        return working;
    }

    /**
     * Every graphics device of {@code type} (vnc or spice; null for both) listens on {@code address}: the
     * {@code listen} attribute and the {@code <listen type='address'>} children (Nova's {@code _update_graphics_xml}).
     */
    public DomainRewrite graphicsListen(String type, String address) {
        Checks.host(address, "graphics listen address");
        List<Graphics> graphics = working().findDevices().map(Devices::getGraphics).orElse(List.of());
        for (Graphics g : graphics) {
            boolean match = type == null ? "vnc".equals(g.getType()) || "spice".equals(g.getType())
                    : type.equals(g.getType());
            if (match) {
                g.setListenAddress(address);
            }
        }
        return this;
    }

    /**
     * Every tcp {@code <serial>} and {@code <console>} with a {@code <source>} binds {@code host} when its source
     * names a host and, when it names a service, has a {@code <target>} and {@code portsByTargetPort} has an entry
     * for the target port (0 when absent), that port as its service (Nova's {@code _update_serial_xml} with
     * {@code serial_listen_addr} and {@code serial_listen_ports}). A device without an acquired port keeps its
     * service, as Nova does for ports older releases did not send.
     */
    public DomainRewrite tcpCharListen(String host, List<Integer> portsByTargetPort) {
        Checks.host(host, "serial listen host");
        Checks.ports(portsByTargetPort, "serial listen ports", 65535);
        List<CharDevice<?>> tcp = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        Domain d = working();
        for (CharDevice<?> dev : serialsAndConsoles(d)) {
            if ("tcp".equals(dev.getType()) && dev.getSource() != null) {
                tcp.add(dev);
                // -1: no <target>, so no port index (Nova reads the index from the target only)
                indexes.add(dev.getTarget() == null ? -1 : targetPort(d, dev.getTarget()));
            }
        }
        for (int i = 0; i < tcp.size(); i++) {
            CharSource src = tcp.get(i).getSource();
            if (src.getHost() != null) {
                src.setHost(host);
            }
            int index = indexes.get(i);
            if (src.getService() != null && index >= 0 && index < portsByTargetPort.size()) {
                src.setService(Integer.toString(portsByTargetPort.get(index)));
            }
        }
        return this;
    }

    /**
     * Nova's {@code _update_vif_xml} for bridged ports: each {@code <interface>}, matched by its MAC (case-blind)
     * against {@code bridgeByMac} (the destination's port bindings), joins the bridge its binding names; a binding
     * that names none leaves its interface alone. Everything else of the interface stays, its guest PCI
     * {@code <address>} and {@code <mtu>} included. Nothing changes unless every interface can be matched.
     *
     * @throws DomainXmlException for an interface without a MAC (Nova's message), one whose MAC no binding names
     *                            (Nova's KeyError), or a non-bridge interface whose binding names a bridge
     */
    public DomainRewrite interfaceBridges(Map<String, Optional<String>> bridgeByMac) {
        Checks.required(bridgeByMac, "bridges by MAC");
        Domain d = working();
        List<Interface> interfaces =
                d.findDevices().map(Devices::getInterfaces).orElse(List.of());
        List<String> bridges = new ArrayList<>();
        for (Interface iface : interfaces) {
            String mac = iface.getMac();
            if (mac == null || mac.isEmpty()) {
                throw new DomainXmlException("Unable to find MAC address in interface XML for instance "
                        + SafeText.printable(d.getUuid()) + ": an interface of type "
                        + SafeText.quote(iface.getType()) + " has no <mac address>");
            }
            String key = mac.toLowerCase(Locale.ROOT);
            Optional<String> bridge = bridgeByMac.get(key);
            if (bridge == null) {
                throw new DomainXmlException("interface " + SafeText.quote(key) + " of instance "
                        + SafeText.printable(d.getUuid()) + " has no port binding in migrate_data.vifs");
            }
            if (bridge.isPresent() && !"bridge".equals(iface.getType())) {
                throw new DomainXmlException("interface " + SafeText.quote(key) + " is of type "
                        + SafeText.quote(iface.getType()) + ", not bridge: its binding's bridge "
                        + SafeText.quote(bridge.get()) + " cannot be written into it");
            }
            bridges.add(bridge.orElse(null));
        }
        for (int i = 0; i < interfaces.size(); i++) {
            String bridge = bridges.get(i);
            if (bridge != null) {
                Interface iface = interfaces.get(i);
                if (iface.getSource() == null) {
                    iface.setSource(new InterfaceSource());
                }
                iface.getSource().setBridge(bridge);
            }
        }
        return this;
    }

    /**
     * Every RBD disk of the image backend ({@link Domains#isImageBackendDisk}) gets {@code hosts}, as Nova's
     * {@code _update_rbd_xml} does with the live monmap. Volumes keep theirs: they may live in another Ceph
     * cluster, and Nova's {@code _update_volume_xml} owns them.
     */
    public DomainRewrite imageRbdHosts(List<DiskHost> hosts) {
        checkHosts(hosts);
        for (Disk disk : Domains.rbdDisks(working())) {
            if (Domains.isImageBackendDisk(disk)) {
                disk.getSource().setHosts(copyHosts(hosts));
            }
        }
        return this;
    }

    /** The network disk with target {@code dev} gets exactly {@code hosts}; fails, changing nothing, without it. */
    public DomainRewrite diskHosts(String dev, List<DiskHost> hosts) {
        Checks.required(dev, "disk target dev");
        Domain d = working();
        Disk disk = Domains.findDiskByTarget(d, dev).orElseThrow(
                () -> new DomainXmlException("domain " + d.getName() + " has no disk with target '" + dev + "'"));
        if (!"network".equals(disk.getType()) || disk.getSource() == null) {
            throw new DomainXmlException("disk '" + dev + "' of domain " + d.getName()
                    + " is not a network disk (type '" + disk.getType() + "')");
        }
        checkHosts(hosts);
        disk.getSource().setHosts(copyHosts(hosts));
        return this;
    }

    /**
     * The disk with the same target dev as {@code disk} is replaced by a copy of {@code disk} at the same device
     * position, as Nova's {@code _update_volume_xml} swaps a volume's XML.
     */
    public DomainRewrite disk(Disk disk) {
        Checks.required(disk, "disk");
        Domain d = working();
        String dev = disk.getTargetDev();
        Disk old = Domains.findDiskByTarget(d, dev).orElseThrow(
                () -> new DomainXmlException("domain " + d.getName() + " has no disk with target '" + dev + "'"));
        d.getDevices().replace(old, DomainXml.copy(disk));
        return this;
    }

    /**
     * Each volume disk of the domain, matched by {@code <serial>} against {@code volumeConfigs} (the disks the
     * destination's connection info gives, built by the caller), takes the new config's children, except
     * {@code <address>}: the guest's hardware address must not change under it. Children the new config does not
     * have (a {@code <backingStore>}, an {@code <iotune>} set by hand) stay. Disks without a serial, or whose serial
     * no config names, are left alone. This is Nova's {@code _update_volume_xml}; it is the only step that touches
     * volumes, {@link #imageRbdHosts} leaves them alone.
     *
     * @throws dev.novalibvirt.core.exception.InvalidInput for a config without a serial, or two with the same one
     */
    public DomainRewrite volumes(List<Disk> volumeConfigs) {
        Checks.required(volumeConfigs, "volume disk configs");
        java.util.Map<String, Disk> bySerial = new java.util.LinkedHashMap<>();
        for (int i = 0; i < volumeConfigs.size(); i++) {
            Disk config = Checks.required(volumeConfigs.get(i), "volume disk configs[" + i + "]");
            String serial = config.getSerial();
            if (serial == null) {
                throw new dev.novalibvirt.core.exception.InvalidInput(
                        "volume disk configs[" + i + "] has no serial to match a disk by");
            }
            if (bySerial.put(serial, config) != null) {
                throw new dev.novalibvirt.core.exception.InvalidInput("volume disk configs name the volume "
                        + SafeText.quote(serial) + " twice");
            }
        }
        for (Disk disk : working().getDisks()) {
            Disk config = disk.getSerial() == null ? null : bySerial.get(disk.getSerial());
            if (config != null) {
                disk.mergeChildrenFrom(DomainXml.copy(config), java.util.Set.of("address"));
            }
        }
        return this;
    }

    /**
     * {@code disk_cachemodes} re-applied to every disk with a qemu (or unnamed) {@code <driver>} by its source
     * type (file, block, network); shareable disks always get {@code none}, as in Nova's {@code _set_cache_mode}
     * (bug 1706083: RBD writeback, and with it librbd's cache, was lost on migration). Disks without a configured
     * mode keep theirs.
     */
    public DomainRewrite cacheModes(DiskCacheModes modes) {
        for (Disk disk : working().getDisks()) {
            Disk.Driver driver = disk.getDriver();
            if (driver == null || driver.getName() != null && !"qemu".equals(driver.getName())) {
                continue;
            }
            String mode = disk.isShareable() ? "none" : modes.forSourceType(disk.getType()).orElse(null);
            if (mode != null) {
                driver.setCache(mode);
            }
        }
        return this;
    }

    /**
     * File paths under {@code fromDir} of serials and consoles ({@code <source path>}, e.g. the {@code console.log},
     * and {@code <log file>}) move under {@code toDir}. Nova assumes the same {@code instances_path} on every host;
     * hosts that differ would have QEMU write into the source's directory.
     */
    public DomainRewrite instanceDir(String fromDir, String toDir) {
        Checks.absolutePath(fromDir, "source instance dir");
        Checks.absolutePath(toDir, "destination instance dir");
        String from = fromDir.endsWith("/") ? fromDir : fromDir + "/";
        String to = toDir.endsWith("/") ? toDir : toDir + "/";
        for (CharDevice<?> dev : serialsAndConsoles(working())) {
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
        return this;
    }

    private static List<CharDevice<?>> serialsAndConsoles(Domain d) {
        List<CharDevice<?>> out = new ArrayList<>();
        d.findDevices().ifPresent(devices -> {
            out.addAll(devices.getSerials());
            out.addAll(devices.getConsoles());
        });
        return out;
    }

    /** A serial's or console's {@code <target port>} (0 when absent), which must be a small non-negative number. */
    private static int targetPort(Domain d, CharTarget target) {
        String port = target == null ? null : target.getPort();
        if (port == null) {
            return 0;
        }
        if (!port.matches("[0-9]{1,5}")) {
            throw new DomainXmlException("domain " + SafeText.printable(d.getName()) + ": serial/console target port "
                    + SafeText.quote(port) + " is not a number 0-99999");
        }
        return Integer.parseInt(port);
    }

    /** At least one monitor, each a host name or address and a port (a monmap without monitors is refused). */
    private static void checkHosts(List<DiskHost> hosts) {
        Checks.required(hosts, "disk hosts");
        if (hosts.isEmpty()) {
            throw new dev.novalibvirt.core.exception.InvalidInput(
                    "disk hosts: at least one monitor host is required (the monmap has none)");
        }
        for (int i = 0; i < hosts.size(); i++) {
            DiskHost h = Checks.required(hosts.get(i), "disk hosts[" + i + "]");
            if (h.getName() == null && h.getSocket() == null) {
                throw new dev.novalibvirt.core.exception.InvalidInput("disk hosts[" + i + "] host needs a name");
            }
            if (h.getName() != null) {
                Checks.host(h.getName(), "disk hosts[" + i + "] host name");
            }
            if (h.getPort() != null) {
                Checks.port(h.getPort(), "disk hosts[" + i + "] port");
            }
            if (h.getSocket() != null) {
                Checks.absolutePath(h.getSocket(), "disk hosts[" + i + "] socket");
            }
        }
    }

    /** Each disk gets its own host objects: the caller's list stays the caller's. */
    private static List<DiskHost> copyHosts(List<DiskHost> hosts) {
        List<DiskHost> out = new ArrayList<>();
        for (DiskHost h : hosts) {
            out.add(new DiskHost(h.getName(), h.getPort()).setTransport(h.getTransport()).setSocket(h.getSocket()));
        }
        return out;
    }
}
