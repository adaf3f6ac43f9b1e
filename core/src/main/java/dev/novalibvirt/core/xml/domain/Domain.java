package dev.novalibvirt.core.xml.domain;

import dev.novalibvirt.core.xml.domain.ScaledMemory.CurrentMemory;
import dev.novalibvirt.core.xml.domain.ScaledMemory.MaxMemory;
import dev.novalibvirt.core.xml.domain.ScaledMemory.Memory;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * libvirt's {@code <domain type id>} document (formatdomain), Nova's {@code LibvirtConfigGuest}: name, uuid,
 * memory/currentMemory/maxMemory with units, vcpu, os, features, cpu, clock, on_* actions, perf, memoryBacking
 * and {@link Devices}. Everything else (metadata, sysinfo, seclabel, cputune, numatune, ...) is kept in place.
 */
@XmlRootElement(name = "domain")
public class Domain extends XmlNode {
    private static final List<String> ORDER = List.of("name", "uuid", "genid", "title", "description", "metadata",
            "maxMemory", "memory", "currentMemory", "blkiotune", "memtune", "memoryBacking", "vcpu", "vcpus",
            "iothreads", "iothreadids", "cputune", "numatune", "resource", "sysinfo", "bootloader",
            "bootloader_args", "os", "idmap", "features", "cpu", "clock", "on_poweroff", "on_reboot", "on_crash",
            "pm", "perf", "devices", "seclabel", "keywrap", "launchSecurity");

    @XmlAttribute private String type;
    @XmlAttribute private String id;

    @XmlElementRefs({
        @XmlElementRef(type = Domain.Name.class),
        @XmlElementRef(type = Domain.Uuid.class),
        @XmlElementRef(type = Domain.Title.class),
        @XmlElementRef(type = Domain.Description.class),
        @XmlElementRef(type = MaxMemory.class),
        @XmlElementRef(type = Memory.class),
        @XmlElementRef(type = CurrentMemory.class),
        @XmlElementRef(type = MemoryBacking.class),
        @XmlElementRef(type = Vcpu.class),
        @XmlElementRef(type = Os.class),
        @XmlElementRef(type = Features.class),
        @XmlElementRef(type = Cpu.class),
        @XmlElementRef(type = Clock.class),
        @XmlElementRef(type = OnPoweroff.class),
        @XmlElementRef(type = OnReboot.class),
        @XmlElementRef(type = OnCrash.class),
        @XmlElementRef(type = Perf.class),
        @XmlElementRef(type = Devices.class)
    })
    @XmlAnyElement
    private List<Object> content = new ArrayList<>();

    public Domain() {
    }

    /** A new domain of the given hypervisor type (kvm, qemu) and name. */
    public Domain(String type, String name) {
        this.type = type;
        setName(name);
    }

    @Override
    protected List<Object> children() { return content; }

    @Override
    protected List<String> childOrder() { return ORDER; }

    /** {@code domain@type}: kvm, qemu, ... */
    public String getType() { return type; }
    public Domain setType(String type) { this.type = type; return this; }
    /** {@code domain@id}: only present on running domains. */
    public Integer getId() { return toInt(id); }
    public Domain setId(Integer id) { this.id = str(id); return this; }

    public String getName() { Name n = child(Name.class); return n == null ? null : n.getValue(); }
    public Domain setName(String name) { setChild(Name.class, name == null ? null : new Name(name)); return this; }
    public String getUuid() { Uuid u = child(Uuid.class); return u == null ? null : u.getValue(); }
    public Domain setUuid(String uuid) { setChild(Uuid.class, uuid == null ? null : new Uuid(uuid)); return this; }
    public String getTitle() { Title t = child(Title.class); return t == null ? null : t.getValue(); }
    public Domain setTitle(String title) { setChild(Title.class, title == null ? null : new Title(title)); return this; }
    public String getDescription() { Description d = child(Description.class); return d == null ? null : d.getValue(); }
    public Domain setDescription(String d) { setChild(Description.class, d == null ? null : new Description(d)); return this; }

    public Memory getMemory() { return child(Memory.class); }
    public Domain setMemory(long value, String unit) { setChild(Memory.class, new Memory(value, unit)); return this; }
    public CurrentMemory getCurrentMemory() { return child(CurrentMemory.class); }
    public Domain setCurrentMemory(long value, String unit) {
        setChild(CurrentMemory.class, new CurrentMemory(value, unit));
        return this;
    }
    public MaxMemory getMaxMemory() { return child(MaxMemory.class); }
    public MemoryBacking getMemoryBacking() { return child(MemoryBacking.class); }
    public Domain setMemoryBacking(MemoryBacking mb) { setChild(MemoryBacking.class, mb); return this; }
    public Vcpu getVcpu() { return child(Vcpu.class); }
    public Domain setVcpu(Vcpu vcpu) { setChild(Vcpu.class, vcpu); return this; }
    public Domain setVcpus(int count) { return setVcpu(new Vcpu(count)); }
    public Os getOs() { return child(Os.class); }
    public Domain setOs(Os os) { setChild(Os.class, os); return this; }
    public Features getFeatures() { return child(Features.class); }
    public Domain setFeatures(Features features) { setChild(Features.class, features); return this; }
    public Cpu getCpu() { return child(Cpu.class); }
    public Domain setCpu(Cpu cpu) { setChild(Cpu.class, cpu); return this; }
    public Clock getClock() { return child(Clock.class); }
    public Domain setClock(Clock clock) { setChild(Clock.class, clock); return this; }
    public String getOnPoweroff() { OnPoweroff a = child(OnPoweroff.class); return a == null ? null : a.getValue(); }
    public Domain setOnPoweroff(String v) { setChild(OnPoweroff.class, v == null ? null : new OnPoweroff(v)); return this; }
    public String getOnReboot() { OnReboot a = child(OnReboot.class); return a == null ? null : a.getValue(); }
    public Domain setOnReboot(String v) { setChild(OnReboot.class, v == null ? null : new OnReboot(v)); return this; }
    public String getOnCrash() { OnCrash a = child(OnCrash.class); return a == null ? null : a.getValue(); }
    public Domain setOnCrash(String v) { setChild(OnCrash.class, v == null ? null : new OnCrash(v)); return this; }
    public Perf getPerf() { return child(Perf.class); }
    public Domain setPerf(Perf perf) { setChild(Perf.class, perf); return this; }

    /** The {@code <devices>} element, created empty on first use so callers can add to it. */
    public Devices getDevices() {
        Devices d = child(Devices.class);
        if (d == null) {
            d = new Devices();
            setChild(Devices.class, d);
        }
        return d;
    }

    /** The {@code <devices>} element if there is one; unlike {@link #getDevices()} it never adds one. */
    public Optional<Devices> findDevices() {
        return Optional.ofNullable(child(Devices.class));
    }

    /** The disks in device order (shortcut for {@code getDevices().getDisks()}). */
    public List<Disk> getDisks() {
        Devices d = child(Devices.class);
        return d == null ? List.of() : d.getDisks();
    }

    /** {@code <name>}. */
    @XmlRootElement(name = "name")
    public static class Name extends TextNode {
        public Name() {
        }

        public Name(String v) {
            super(v);
        }
    }

    /** {@code <uuid>}. */
    @XmlRootElement(name = "uuid")
    public static class Uuid extends TextNode {
        public Uuid() {
        }

        public Uuid(String v) {
            super(v);
        }
    }

    /** {@code <title>}. */
    @XmlRootElement(name = "title")
    public static class Title extends TextNode {
        public Title() {
        }

        public Title(String v) {
            super(v);
        }
    }

    /** {@code <description>}. */
    @XmlRootElement(name = "description")
    public static class Description extends TextNode {
        public Description() {
        }

        public Description(String v) {
            super(v);
        }
    }

    @Override
    public String toString() {
        return "Domain[" + getName() + " " + getUuid() + "]";
    }
}
