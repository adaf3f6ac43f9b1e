package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlTransient;

/**
 * A memory size element with libvirt's {@code unit} attribute (b, KiB, MiB, GiB, TiB, k, M, G, ...; absent means
 * KiB). The number is kept as written; {@link #toKiB()} converts.
 */
@XmlTransient
public abstract class ScaledMemory extends TextNode {
    @XmlAttribute private String unit;

    protected ScaledMemory() {
    }

    protected ScaledMemory(long value, String unit) {
        super(Long.toString(value));
        this.unit = unit;
    }

    public String getUnit() { return unit; }
    public void setUnit(String unit) { this.unit = unit; }

    public long getAmount() { return Long.parseLong(getValue().trim()); }

    /** The size in KiB, libvirt's default unit. */
    public long toKiB() {
        long v = getAmount();
        String u = unit == null ? "KiB" : unit;
        return switch (u) {
            case "b", "bytes" -> v / 1024;
            case "KB" -> v * 1000 / 1024;
            case "k", "KiB" -> v;
            case "MB" -> v * 1000_000 / 1024;
            case "M", "MiB" -> v * 1024;
            case "GB" -> v * 1000_000_000L / 1024;
            case "G", "GiB" -> v * 1024 * 1024;
            case "TB" -> v * 1000_000_000_000L / 1024;
            case "T", "TiB" -> v * 1024 * 1024 * 1024;
            default -> throw new IllegalStateException("unknown memory unit '" + u + "'");
        };
    }

    /** {@code <memory unit>}: the maximum allocation at boot. */
    @XmlRootElement(name = "memory")
    public static class Memory extends ScaledMemory {
        public Memory() {
        }

        public Memory(long value, String unit) {
            super(value, unit);
        }
    }

    /** {@code <currentMemory unit>}: the actual allocation (balloon). */
    @XmlRootElement(name = "currentMemory")
    public static class CurrentMemory extends ScaledMemory {
        public CurrentMemory() {
        }

        public CurrentMemory(long value, String unit) {
            super(value, unit);
        }
    }

    /** {@code <maxMemory slots unit>}: the hotplug ceiling. */
    @XmlRootElement(name = "maxMemory")
    public static class MaxMemory extends ScaledMemory {
        @XmlAttribute private String slots;

        public String getSlots() { return slots; }
        public void setSlots(String slots) { this.slots = slots; }
    }
}
