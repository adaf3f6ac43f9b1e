package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.driver.InstanceInfo;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.DeviceNotFound;
import dev.novalibvirt.core.exception.MigrationError;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.libvirt.host.Guest;
import dev.novalibvirt.libvirt.host.JobState;
import dev.novalibvirt.libvirt.host.MigrationParams;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** An in-memory {@link Guest}: a state, an XML, and a record of what was asked of it. */
class FakeGuest implements Guest {
    private final String name;
    volatile String xml;
    /** The persistent definition when it differs from the live XML; null = the same as {@link #xml}. */
    volatile String inactiveXml;
    /** When set, {@link #attachDevice} fails with it (libvirt refusing). */
    volatile RuntimeException attachFailure;
    /** When set, {@link #detachDevice} fails with it. */
    volatile RuntimeException detachFailure;
    /** When set, a detach from the definition only fails with it (the running domain's detach does not). */
    volatile RuntimeException persistentDetachFailure;
    /** Live detaches the guest ignores (it does not let go of the device) before one takes effect. */
    volatile int liveDetachesIgnored;
    final List<String> detached = new ArrayList<>();
    volatile PowerState state = PowerState.SHUTDOWN;
    volatile boolean undefined;
    volatile boolean persistent = true;
    volatile JobState job = JobState.NONE;
    /** When set, {@link #migrate} fails with libvirt's message. */
    volatile String migrateFailure;
    final AtomicReference<MigrationParams> migrated = new AtomicReference<>();
    final List<String> calls = new ArrayList<>();
    final List<String> attached = new ArrayList<>();
    /** How often libvirt was asked for the domain's XML (any flags). */
    final java.util.concurrent.atomic.AtomicInteger xmlReads = new java.util.concurrent.atomic.AtomicInteger();

    FakeGuest(String name, String xml) {
        this.name = name;
        this.xml = xml;
    }

    FakeGuest running() {
        state = PowerState.RUNNING;
        return this;
    }

    @Override public String name() { return name; }
    @Override public InstanceInfo info() { return new InstanceInfo(state, state == PowerState.RUNNING ? 1 : -1); }
    @Override public boolean isActive() { return state == PowerState.RUNNING || state == PowerState.PAUSED; }
    @Override
    public String xml(int flags) {
        xmlReads.incrementAndGet();
        return (flags & XML_INACTIVE) != 0 && inactiveXml != null ? inactiveXml : xml;
    }
    @Override public boolean isPersistent() { return !undefined && persistent; }

    @Override
    public synchronized void launch() {
        calls.add("launch");
        state = PowerState.RUNNING;
    }

    @Override
    public synchronized void poweroff() {
        calls.add("poweroff");
        state = PowerState.SHUTDOWN;
    }

    @Override
    public synchronized void undefine() {
        calls.add("undefine");
        undefined = true;
    }

    @Override
    public synchronized void pause() {
        calls.add("pause");
        state = PowerState.PAUSED;
    }

    @Override
    public synchronized void resume() {
        calls.add("resume");
        state = PowerState.RUNNING;
    }

    /** Records the device and, for a disk, adds it to the live XML and/or the definition, as libvirt would. */
    @Override
    public synchronized void attachDevice(String deviceXml, boolean persistent, boolean live) {
        calls.add("attachDevice persistent=" + persistent + " live=" + live);
        if (attachFailure != null) {
            throw attachFailure;
        }
        attached.add(deviceXml);
        Disk disk = DomainXml.parseDisk(deviceXml);
        String before = inactiveXml == null ? xml : inactiveXml;
        if (live) {
            xml = withDisks(xml, d -> d.getDevices().add(DomainXml.copy(disk)));
        }
        if (persistent) {
            inactiveXml = withDisks(before, d -> d.getDevices().add(DomainXml.copy(disk)));
        } else if (inactiveXml == null) {
            inactiveXml = before;
        }
    }

    /**
     * Records the request and removes the disk with the element's target dev, from the definition at once and from
     * the live XML unless the guest ignores this live detach; a disk not there is libvirt's DEVICE_MISSING.
     */
    @Override
    public synchronized void detachDevice(String deviceXml, boolean persistent, boolean live) {
        calls.add("detachDevice persistent=" + persistent + " live=" + live);
        detached.add(deviceXml);
        if (detachFailure != null) {
            throw detachFailure;
        }
        if (persistent && persistentDetachFailure != null) {
            throw persistentDetachFailure;
        }
        String dev = DomainXml.parseDisk(deviceXml).getTargetDev();
        String before = inactiveXml == null ? xml : inactiveXml;
        String target = persistent ? before : xml;
        if (DomainXml.parse(target).getDisks().stream().noneMatch(d -> dev.equals(d.getTargetDev()))) {
            throw new DeviceNotFound(dev);
        }
        if (persistent) {
            inactiveXml = withDisks(before, d -> d.getDevices().remove(diskOf(d, dev)));
        } else if (inactiveXml == null) {
            inactiveXml = before;
        }
        if (live) {
            if (liveDetachesIgnored > 0) {
                liveDetachesIgnored--;
            } else {
                xml = withDisks(xml, d -> d.getDevices().remove(diskOf(d, dev)));
            }
        }
    }

    private static Disk diskOf(Domain d, String dev) {
        return d.getDisks().stream().filter(x -> dev.equals(x.getTargetDev())).findFirst().orElseThrow();
    }

    private static String withDisks(String domainXml, java.util.function.Consumer<Domain> change) {
        Domain d = DomainXml.parse(domainXml);
        change.accept(d);
        return DomainXml.write(d);
    }

    @Override
    public void migrate(MigrationParams params) {
        migrated.set(params);
        if (migrateFailure != null) {
            throw new MigrationError(migrateFailure);
        }
    }

    @Override public JobState jobState() { return job; }

    @Override
    public synchronized void abortJob() {
        calls.add("abortJob");
    }

    @Override
    public synchronized void setMaxDowntime(long millis) {
        calls.add("setMaxDowntime " + millis);
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }
}
