package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.driver.InstanceInfo;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.MigrationError;
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
    volatile PowerState state = PowerState.SHUTDOWN;
    volatile boolean undefined;
    volatile boolean persistent = true;
    volatile JobState job = JobState.NONE;
    /** When set, {@link #migrate} fails with libvirt's message. */
    volatile String migrateFailure;
    final AtomicReference<MigrationParams> migrated = new AtomicReference<>();
    final List<String> calls = new ArrayList<>();
    final List<String> attached = new ArrayList<>();

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
    @Override public String xml(int flags) { return xml; }
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

    @Override
    public synchronized void attachDevice(String deviceXml, boolean persistent, boolean live) {
        attached.add(deviceXml);
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
