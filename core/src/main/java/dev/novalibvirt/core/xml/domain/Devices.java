package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/**
 * A domain's {@code <devices>}: ONE ordered list of devices of every kind, as libvirt wrote them (the order of
 * disks and interfaces is the guest's PCI/boot order, so it is never regrouped). Devices the model does not know
 * (hostdev, rng, tpm, watchdog, ...) stay in place as {@link OtherElement}s. The typed views ({@link #getDisks()}, ...)
 * return copies of the list; the objects in them are live.
 */
@XmlRootElement(name = "devices")
public class Devices extends XmlNode {
    private static final List<String> ORDER = List.of("emulator", "disk", "controller", "lease", "filesystem",
            "interface", "smartcard", "serial", "parallel", "console", "channel", "input", "tpm", "graphics",
            "sound", "audio", "video", "hostdev", "redirdev", "redirfilter", "hub", "watchdog", "memballoon",
            "rng", "shmem", "memory", "iommu", "vsock", "crypto", "panic");

    @XmlElementRefs({
        @XmlElementRef(type = Emulator.class),
        @XmlElementRef(type = Disk.class),
        @XmlElementRef(type = Controller.class),
        @XmlElementRef(type = Lease.class),
        @XmlElementRef(type = Interface.class),
        @XmlElementRef(type = Serial.class),
        @XmlElementRef(type = Console.class),
        @XmlElementRef(type = Channel.class),
        @XmlElementRef(type = Input.class),
        @XmlElementRef(type = Graphics.class),
        @XmlElementRef(type = Video.class),
        @XmlElementRef(type = MemBalloon.class)
    })
    @XmlAnyElement
    private List<Object> content = new ArrayList<>();

    @Override
    protected List<Object> children() { return content; }

    @Override
    protected List<String> childOrder() { return ORDER; }

    /** Every device in document order: typed objects and {@link OtherElement}s (live list). */
    public List<Object> all() { return content; }

    public String getEmulator() { Emulator e = child(Emulator.class); return e == null ? null : e.getValue(); }
    public Devices setEmulator(String path) { setChild(Emulator.class, path == null ? null : new Emulator(path)); return this; }

    public List<Disk> getDisks() { return childList(Disk.class); }
    public List<Controller> getControllers() { return childList(Controller.class); }
    public List<Lease> getLeases() { return childList(Lease.class); }
    public List<Interface> getInterfaces() { return childList(Interface.class); }
    public List<Serial> getSerials() { return childList(Serial.class); }
    public List<Console> getConsoles() { return childList(Console.class); }
    public List<Channel> getChannels() { return childList(Channel.class); }
    public List<Input> getInputs() { return childList(Input.class); }
    public List<Graphics> getGraphics() { return childList(Graphics.class); }
    public List<Video> getVideos() { return childList(Video.class); }
    public MemBalloon getMemBalloon() { return child(MemBalloon.class); }

    /** Adds a device after the last device of its kind (or where libvirt puts that kind). */
    public Devices add(Object device) { addChild(device); return this; }

    /** Removes this exact device object; true if it was there. */
    public boolean remove(Object device) {
        for (int i = 0; i < content.size(); i++) {
            if (content.get(i) == device) {
                content.remove(i);
                return true;
            }
        }
        return false;
    }

    /** Replaces this exact device object by another at the same position; true if it was there. */
    public boolean replace(Object device, Object replacement) {
        for (int i = 0; i < content.size(); i++) {
            if (content.get(i) == device) {
                content.set(i, replacement);
                return true;
            }
        }
        return false;
    }
}
