package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/**
 * A domain's {@code <os>}: {@code <type arch machine>hvm</type>}, the ordered {@code <boot dev>} list (BIOS boot
 * order, so order matters), kernel/initrd/cmdline for direct kernel boot. Loader, nvram, bootmenu, smbios and the
 * rest are kept in place as elements.
 */
@XmlRootElement(name = "os")
public class Os extends XmlNode {
    private static final List<String> ORDER = List.of("type", "firmware", "loader", "nvram", "init", "initarg",
            "initenv", "initdir", "inituser", "initgroup", "kernel", "initrd", "cmdline", "shim", "dtb", "acpi",
            "boot", "bootmenu", "smbios", "bios");

    @XmlAttribute private String firmware;

    @XmlElementRefs({
        @XmlElementRef(type = Os.Type.class),
        @XmlElementRef(type = Os.BootDevice.class),
        @XmlElementRef(type = Os.Kernel.class),
        @XmlElementRef(type = Os.Initrd.class),
        @XmlElementRef(type = Os.Cmdline.class)
    })
    @XmlAnyElement
    private List<Object> content = new ArrayList<>();

    public Os() {
    }

    /** {@code <os><type arch machine>hvm</type>} with the given boot devices in order. */
    public static Os hvm(String arch, String machine, String... bootDevs) {
        Os os = new Os();
        Type t = new Type();
        t.setValue("hvm");
        t.arch = arch;
        t.machine = machine;
        os.setType(t);
        for (String dev : bootDevs) {
            os.addChild(new BootDevice(dev));
        }
        return os;
    }

    @Override
    protected List<Object> children() { return content; }

    @Override
    protected List<String> childOrder() { return ORDER; }

    public String getFirmware() { return firmware; }
    public Os setFirmware(String firmware) { this.firmware = firmware; return this; }
    public Type getType() { return child(Type.class); }
    public Os setType(Type type) { setChild(Type.class, type); return this; }

    /** {@code <boot dev>} values in order (hd, cdrom, network, fd). */
    public List<String> getBootDevices() {
        return childList(BootDevice.class).stream().map(BootDevice::getDev).toList();
    }

    public Os setBootDevices(List<String> devs) {
        setChildList(BootDevice.class, devs.stream().map(BootDevice::new).toList());
        return this;
    }

    public String getKernel() { Kernel k = child(Kernel.class); return k == null ? null : k.getValue(); }
    public Os setKernel(String path) { setChild(Kernel.class, path == null ? null : new Kernel(path)); return this; }
    public String getInitrd() { Initrd i = child(Initrd.class); return i == null ? null : i.getValue(); }
    public Os setInitrd(String path) { setChild(Initrd.class, path == null ? null : new Initrd(path)); return this; }
    public String getCmdline() { Cmdline c = child(Cmdline.class); return c == null ? null : c.getValue(); }
    public Os setCmdline(String cmd) { setChild(Cmdline.class, cmd == null ? null : new Cmdline(cmd)); return this; }

    /** {@code <type arch machine>hvm</type>}. */
    @XmlRootElement(name = "type")
    public static class Type extends TextNode {
        @XmlAttribute private String arch;
        @XmlAttribute private String machine;

        public String getArch() { return arch; }
        public Type setArch(String arch) { this.arch = arch; return this; }
        public String getMachine() { return machine; }
        public Type setMachine(String machine) { this.machine = machine; return this; }
    }

    /** {@code <boot dev='hd'/>} inside {@code <os>}. */
    @XmlRootElement(name = "boot")
    public static class BootDevice extends XmlNode {
        @XmlAttribute private String dev;
        @XmlAnyElement private List<Object> content = new ArrayList<>();

        public BootDevice() {
        }

        public BootDevice(String dev) {
            this.dev = dev;
        }

        @Override
        protected List<Object> children() { return content; }

        public String getDev() { return dev; }
    }

    /** {@code <kernel>} path. */
    @XmlRootElement(name = "kernel")
    public static class Kernel extends TextNode {
        public Kernel() {
        }

        public Kernel(String v) {
            super(v);
        }
    }

    /** {@code <initrd>} path. */
    @XmlRootElement(name = "initrd")
    public static class Initrd extends TextNode {
        public Initrd() {
        }

        public Initrd(String v) {
            super(v);
        }
    }

    /** {@code <cmdline>} kernel arguments (text kept exactly). */
    @XmlRootElement(name = "cmdline")
    public static class Cmdline extends TextNode {
        public Cmdline() {
        }

        public Cmdline(String v) {
            super(v);
        }
    }
}
