package dev.novalibvirt.libvirt.host;

import dev.novalibvirt.core.driver.InstanceInfo;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.DeviceNotFound;
import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.core.exception.InternalError;
import dev.novalibvirt.core.exception.MigrationError;
import dev.novalibvirt.core.xml.DomainXml;
import java.util.List;
import org.libvirt.Domain;
import org.libvirt.DomainInfo.DomainState;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.TypedParameter;

/**
 * The {@link Guest} port over libvirt-java's {@link Domain}. Translates libvirt errors into Nova's exceptions so
 * callers never see {@link LibvirtException}. Public only for the monitor, which needs the domain itself for its
 * JNA calls and events ({@link #domain()}).
 */
public final class LibvirtGuest implements Guest {
    /** {@code VIR_DOMAIN_AFFECT_LIVE}. */
    private static final int AFFECT_LIVE = 1;
    /** {@code VIR_DOMAIN_AFFECT_CONFIG}. */
    private static final int AFFECT_CONFIG = 2;

    private final Domain domain;
    private final String name;
    // tells the host its connection broke, so the next call reconnects
    private final java.util.function.Consumer<LibvirtException> connectionWatch;

    LibvirtGuest(Domain domain, String name, java.util.function.Consumer<LibvirtException> connectionWatch) {
        this.domain = domain;
        this.name = name;
        this.connectionWatch = connectionWatch;
    }

    @Override
    public String name() {
        return name;
    }

    /** Mirrors {@code Guest.get_info}: power state per {@code LIBVIRT_POWER_STATE} and the domain id. */
    @Override
    public InstanceInfo info() {
        try {
            DomainState s = domain.getInfo().state;
            int id = domain.isActive() == 1 ? domain.getID() : -1;
            return new InstanceInfo(powerState(s), id);
        } catch (LibvirtException e) {
            throw translate(e);
        }
    }

    static PowerState powerState(DomainState s) {
        switch (s) {
            case VIR_DOMAIN_RUNNING:
            case VIR_DOMAIN_BLOCKED:
                return PowerState.RUNNING;
            case VIR_DOMAIN_PAUSED:
                return PowerState.PAUSED;
            case VIR_DOMAIN_SHUTDOWN:
            case VIR_DOMAIN_SHUTOFF:
                return PowerState.SHUTDOWN;
            case VIR_DOMAIN_CRASHED:
                return PowerState.CRASHED;
            case VIR_DOMAIN_PMSUSPENDED:
                return PowerState.SUSPENDED;
            default:
                return PowerState.NOSTATE;
        }
    }

    /** Mirrors {@code Guest.is_active}. */
    @Override
    public boolean isActive() {
        try {
            return domain.isActive() == 1;
        } catch (LibvirtException e) {
            throw translate(e);
        }
    }

    /** {@code virDomainIsPersistent}. */
    @Override
    public boolean isPersistent() {
        try {
            return domain.isPersistent() == 1;
        } catch (LibvirtException e) {
            throw translate(e);
        }
    }

    /** Mirrors {@code Guest.get_xml_desc}. */
    @Override
    public String xml(int flags) {
        try {
            return domain.getXMLDesc(flags);
        } catch (LibvirtException e) {
            throw translate(e);
        }
    }

    /** Mirrors {@code Guest.launch}: start a defined domain. */
    @Override
    public void launch() {
        try {
            domain.create();
        } catch (LibvirtException e) {
            throw translate(e);
        }
    }

    /** Mirrors {@code Guest.poweroff} ({@code virDomainDestroy}); a domain already gone or off is not an error. */
    @Override
    public void poweroff() {
        try {
            domain.destroy();
        } catch (LibvirtException e) {
            if (LibvirtErrors.noDomain(e) || LibvirtErrors.is(e, ErrorNumber.VIR_ERR_OPERATION_INVALID)) {
                return;
            }
            throw translate(e);
        }
    }

    /** Undefines the domain (keeping NVRAM is irrelevant for BIOS guests); a missing domain is not an error. */
    @Override
    public void undefine() {
        try {
            domain.undefine();
        } catch (LibvirtException e) {
            if (!LibvirtErrors.noDomain(e)) {
                throw translate(e);
            }
        }
    }

    @Override
    public void pause() {
        try {
            domain.suspend();
        } catch (LibvirtException e) {
            throw translate(e);
        }
    }

    @Override
    public void resume() {
        try {
            domain.resume();
        } catch (LibvirtException e) {
            throw translate(e);
        }
    }

    @Override
    public void attachDevice(String deviceXml, boolean persistent, boolean live) {
        int flags = (persistent ? AFFECT_CONFIG : 0) | (live ? AFFECT_LIVE : 0);
        try {
            domain.attachDeviceFlags(deviceXml, flags);
        } catch (LibvirtException e) {
            throw translate(e);
        }
    }

    @Override
    public void detachDevice(String deviceXml, boolean persistent, boolean live) {
        int flags = (persistent ? AFFECT_CONFIG : 0) | (live ? AFFECT_LIVE : 0);
        try {
            domain.detachDeviceFlags(deviceXml, flags);
        } catch (LibvirtException e) {
            String message = LibvirtErrors.message(e);
            // Nova's _detach_sync: libvirt 4.1+ says DEVICE_MISSING, one path still OPERATION_FAILED "not found"
            if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_DEVICE_MISSING)
                    || (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_OPERATION_FAILED) && message.contains("not found"))) {
                throw new DeviceNotFound(deviceName(deviceXml), e);
            }
            // Nova's _detach_sync too (QEMU bug 1878659): a retry while the first unplug still runs
            if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_INTERNAL_ERROR)
                    && message.contains("already in the process of unplug")) {
                return;
            }
            throw translate(e);
        }
    }

    /** The disk's target dev for messages, e.g. {@code vdb}; "device" for anything else. */
    private static String deviceName(String deviceXml) {
        try {
            String dev = DomainXml.parseDisk(deviceXml).getTargetDev();
            return dev == null ? "device" : dev;
        } catch (RuntimeException e) {
            return "device";
        }
    }

    /** {@code virDomainMigrateToURI3}; libvirt's message becomes the {@link MigrationError}'s, unchanged. */
    @Override
    public void migrate(MigrationParams params) {
        List<TypedParameter> typed = MigrateParameters.of(params);
        try {
            domain.migrateToURI(params.connectionUri(), typed.toArray(new TypedParameter[0]), params.flags());
        } catch (LibvirtException e) {
            if (ConnectionErrors.lost(e)) {
                connectionWatch.accept(e); // still a MigrationError: the job state, once known again, decides
            }
            throw new MigrationError(LibvirtErrors.message(e), e);
        }
    }

    /**
     * Mirrors {@code Guest.get_job_info}: the current job's type. A domain that vanished (the transient source after
     * a completed peer-to-peer migration) reads as {@link JobState#COMPLETED}, as in Nova; a destination's domain
     * whose incoming migration runs reads as {@link JobState#UNBOUNDED} (libvirt has statistics only on the source).
     */
    @Override
    public JobState jobState() {
        try {
            return JobState.of(domain.getJobStats(0).type);
        } catch (LibvirtException e) {
            if (LibvirtErrors.noDomain(e) || LibvirtErrors.is(e, ErrorNumber.VIR_ERR_OPERATION_INVALID)) {
                return JobState.COMPLETED;
            }
            if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_OPERATION_UNSUPPORTED)) {
                // the QEMU driver refuses job statistics exactly while the domain's incoming migration job runs
                // ("available only on the source host"): on a destination that is an active job, not a failure
                return JobState.UNBOUNDED;
            }
            throw translate(e);
        }
    }

    /** Mirrors {@code Guest.abort_job}. */
    @Override
    public void abortJob() {
        try {
            domain.abortJob();
        } catch (LibvirtException e) {
            throw translate(e);
        }
    }

    /** {@code virDomainMigrateSetMaxDowntime}. */
    @Override
    public void setMaxDowntime(long millis) {
        try {
            domain.migrateSetMaxDowntime(millis);
        } catch (LibvirtException e) {
            throw translate(e);
        }
    }

    /** The underlying libvirt-java handle, for the monitor's JNA extensions and events. */
    @SuppressWarnings("exports") // libvirt-java on purpose: the monitor's escape hatch, not for embedders
    public Domain domain() {
        return domain;
    }

    /**
     * The libvirt-java domain behind {@code guest}.
     *
     * @throws IllegalArgumentException when {@code guest} is not backed by libvirt-java (a test's fake)
     */
    @SuppressWarnings("exports") // libvirt-java on purpose: the monitor's escape hatch, not for embedders
    public static Domain domainOf(Guest guest) {
        if (guest instanceof LibvirtGuest g) {
            return g.domain;
        }
        throw new IllegalArgumentException("guest " + guest.name() + " is not a libvirt domain ("
                + guest.getClass().getName() + "); inject a MigrationJobWaiter that does not need one");
    }

    RuntimeException translate(LibvirtException e) {
        if (ConnectionErrors.lost(e)) {
            connectionWatch.accept(e);
            return new HypervisorUnavailable("connection lost during a call on domain " + name + ": "
                    + LibvirtErrors.message(e), e);
        }
        if (LibvirtErrors.noDomain(e)) {
            return new InstanceNotFound(name, e);
        }
        return new InternalError("libvirt error on domain " + name + ": " + LibvirtErrors.message(e), e);
    }
}
