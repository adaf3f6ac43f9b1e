package dev.novalibvirt.core.xml;

import dev.novalibvirt.core.image.DiskCacheModes;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.DiskHost;
import dev.novalibvirt.core.xml.domain.DiskSource;
import dev.novalibvirt.core.xml.domain.Domain;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Small pure helpers over a {@link Domain}: finders, which return live objects of the given domain, and one-step
 * {@code with...} rewriters, which NEVER change their argument: each returns a changed deep copy made by a
 * {@link DomainRewrite} (where the rewrites themselves live). Several rewrites of one domain belong in one
 * {@link DomainRewrite}, which copies or parses once.
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

    /** The RBD source names ({@code pool/image}) of a domain's disks, in device order. */
    public static List<String> rbdImages(Domain domain) {
        return rbdDisks(domain).stream().map(Disk::getSource).map(DiskSource::getName).toList();
    }

    /** A user-attached (Cinder) disk: libvirt alias {@code ua-...}, which Nova gives volumes it attaches. */
    public static boolean isUserAttached(Disk disk) {
        return disk.getAlias() != null && disk.getAlias().startsWith("ua-");
    }

    /**
     * A disk of the image backend (root, ephemeral, config drive), not a volume: neither user-attached nor with a
     * {@code <serial>}. Nova's {@code _update_rbd_xml} rule: guests defined before libvirt's {@code ua-} aliases
     * were used still mark their Cinder volumes by the serial (the volume id).
     */
    public static boolean isImageBackendDisk(Disk disk) {
        return !isUserAttached(disk) && disk.getSerial() == null;
    }

    /** A copy of {@code domain} after {@code edit} ran on it; {@code domain} itself is left unchanged. */
    public static Domain edit(Domain domain, Consumer<Domain> edit) {
        Domain copy = DomainXml.copy(domain);
        edit.accept(copy);
        return copy;
    }

    /** A copy in which the network disk with target {@code dev} has exactly {@code hosts}. */
    public static Domain withDiskHosts(Domain domain, String dev, List<DiskHost> hosts) {
        return DomainRewrite.copyOf(domain).diskHosts(dev, hosts).result();
    }

    /** A copy in which the disk with the same target dev as {@code disk} is replaced at its position. */
    public static Domain withDisk(Domain domain, Disk disk) {
        return DomainRewrite.copyOf(domain).disk(disk).result();
    }

    /** A copy in which the graphics of {@code type} (null: vnc and spice) listen on {@code address}. */
    public static Domain withGraphicsListen(Domain domain, String type, String address) {
        return DomainRewrite.copyOf(domain).graphicsListen(type, address).result();
    }

    /** A copy in which tcp serials and consoles bind {@code host} with the port acquired for their target port. */
    public static Domain withTcpCharListen(Domain domain, String host, List<Integer> portsByTargetPort) {
        return DomainRewrite.copyOf(domain).tcpCharListen(host, portsByTargetPort).result();
    }

    /** A copy in which every image-backend RBD disk gets {@code hosts}; volumes keep theirs. */
    public static Domain withImageRbdHosts(Domain domain, List<DiskHost> hosts) {
        return DomainRewrite.copyOf(domain).imageRbdHosts(hosts).result();
    }

    /** A copy with {@code disk_cachemodes} re-applied (see {@link DomainRewrite#cacheModes}). */
    public static Domain withCacheModes(Domain domain, DiskCacheModes modes) {
        return DomainRewrite.copyOf(domain).cacheModes(modes).result();
    }

    /** A copy in which serial and console file paths under {@code fromDir} move under {@code toDir}. */
    public static Domain withInstanceDir(Domain domain, String fromDir, String toDir) {
        return DomainRewrite.copyOf(domain).instanceDir(fromDir, toDir).result();
    }
}
