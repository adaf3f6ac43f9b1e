package dev.novalibvirt.core.xml;

import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.core.xml.domain.Interface;

/**
 * Reads and writes libvirt domain XML ({@code virDomainGetXMLDesc} / {@code virDomainDefineXML}) and single
 * device XML (attach/detach). Thread-safe: the JAXB context is built once, (un)marshallers are per thread.
 *
 * <p>Parsing is lossless: what the model does not know is kept in place (see {@link dev.novalibvirt.core.xml}).
 * Bad input raises {@link DomainXmlException} naming the problem: not well-formed, wrong root element, or a disk
 * type libvirt does not define.
 */
public final class DomainXml {
    private DomainXml() {
    }

    /** Parses a {@code <domain>} document. */
    public static Domain parse(String xml) {
        Domain domain = XmlCodec.parse(xml, "domain", Domain.class, "domain");
        for (Disk disk : domain.getDisks()) {
            checkDiskType(disk);
        }
        return domain;
    }

    /** Writes a domain as libvirt-style XML (two-space indent, no XML declaration). */
    public static String write(Domain domain) {
        return XmlCodec.write(domain, "domain");
    }

    /** A deep copy that shares nothing with {@code domain} (unknown elements included). */
    public static Domain copy(Domain domain) {
        return parse(write(domain));
    }

    /** Parses a single {@code <disk>} (as given to attach/detach/update-device). */
    public static Disk parseDisk(String xml) {
        Disk disk = XmlCodec.parse(xml, "disk", Disk.class, "disk");
        checkDiskType(disk);
        return disk;
    }

    /** Writes a single {@code <disk>}. */
    public static String writeDisk(Disk disk) {
        checkDiskType(disk);
        return XmlCodec.write(disk, "disk");
    }

    /** A deep copy of one disk. */
    public static Disk copy(Disk disk) {
        return parseDisk(writeDisk(disk));
    }

    /** Parses a single {@code <interface>}. */
    public static Interface parseInterface(String xml) {
        return XmlCodec.parse(xml, "interface", Interface.class, "interface");
    }

    /** Writes any single device of the model ({@code <interface>}, {@code <graphics>}, {@code <lease>}, ...). */
    public static String writeDevice(Object device) {
        if (device instanceof Disk d) {
            return writeDisk(d);
        }
        return XmlCodec.write(device, "device");
    }

    private static void checkDiskType(Disk disk) {
        String type = disk.getType();
        if (type != null && !Disk.TYPES.contains(type)) {
            throw new DomainXmlException("unknown disk type '" + type + "' for disk "
                    + (disk.getTargetDev() == null ? "without target" : "'" + disk.getTargetDev() + "'")
                    + "; libvirt knows " + String.join(", ", Disk.TYPES));
        }
    }
}
