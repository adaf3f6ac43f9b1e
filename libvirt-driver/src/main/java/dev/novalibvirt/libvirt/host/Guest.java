package dev.novalibvirt.libvirt.host;

import dev.novalibvirt.core.driver.InstanceInfo;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.core.exception.InternalError;
import org.libvirt.Domain;
import org.libvirt.DomainInfo.DomainState;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.TypedParameter;

/**
 * One libvirt domain; mirrors {@code nova.virt.libvirt.guest.Guest}. Translates libvirt errors into Nova's
 * exceptions so callers never see {@link LibvirtException}.
 */
public final class Guest {
    /** {@code VIR_DOMAIN_XML_MIGRATABLE}. */
    public static final int XML_MIGRATABLE = 8;

    private final Domain domain;
    private final String name;

    Guest(Domain domain, String name) {
        this.domain = domain;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Mirrors {@code Guest.get_info}: power state per {@code LIBVIRT_POWER_STATE} and the domain id. */
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
    public boolean isActive() {
        try {
            return domain.isActive() == 1;
        } catch (LibvirtException e) {
            throw translate(e);
        }
    }

    /** Mirrors {@code Guest.get_xml_desc}. */
    public String xml(int flags) {
        try {
            return domain.getXMLDesc(flags);
        } catch (LibvirtException e) {
            throw translate(e);
        }
    }

    /** Mirrors {@code Guest.launch}: start a defined domain. */
    public void launch() {
        try {
            domain.create();
        } catch (LibvirtException e) {
            throw translate(e);
        }
    }

    /** Mirrors {@code Guest.poweroff} ({@code virDomainDestroy}); a domain already gone or off is not an error. */
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
    public void undefine() {
        try {
            domain.undefine();
        } catch (LibvirtException e) {
            if (!LibvirtErrors.noDomain(e)) {
                throw translate(e);
            }
        }
    }

    public void pause() {
        try {
            domain.suspend();
        } catch (LibvirtException e) {
            throw translate(e);
        }
    }

    public void resume() {
        try {
            domain.resume();
        } catch (LibvirtException e) {
            throw translate(e);
        }
    }

    /**
     * Mirrors {@code Guest.migrate}: {@code virDomainMigrateToURI3} with typed parameters. Blocks until libvirt's
     * migration call returns; its error is taken "with a pinch of salt" by the caller, which trusts the job state.
     */
    public void migrate(String connectionUri, TypedParameter[] params, int flags) throws LibvirtException {
        domain.migrateToURI(connectionUri, params, flags);
    }

    /**
     * Mirrors {@code Guest.get_job_info}: the current job's type. A domain that vanished (the transient source after
     * a completed peer-to-peer migration) reads as {@link JobState#COMPLETED}, as in Nova.
     */
    public JobState jobState() {
        try {
            return JobState.of(domain.getJobStats(0).type);
        } catch (LibvirtException e) {
            if (LibvirtErrors.noDomain(e) || LibvirtErrors.is(e, ErrorNumber.VIR_ERR_OPERATION_INVALID)) {
                return JobState.COMPLETED;
            }
            throw translate(e);
        }
    }

    /** Mirrors {@code Guest.abort_job}. */
    public void abortJob() {
        try {
            domain.abortJob();
        } catch (LibvirtException e) {
            throw translate(e);
        }
    }

    /** {@code virDomainMigrateSetMaxDowntime}. */
    public void setMaxDowntime(long millis) {
        try {
            domain.migrateSetMaxDowntime(millis);
        } catch (LibvirtException e) {
            throw translate(e);
        }
    }

    /** The underlying libvirt-java handle, for the monitor helper's JNA extensions. */
    public Domain domain() {
        return domain;
    }

    RuntimeException translate(LibvirtException e) {
        if (LibvirtErrors.noDomain(e)) {
            return new InstanceNotFound(name, e);
        }
        return new InternalError("libvirt error on domain " + name + ": " + LibvirtErrors.message(e), e);
    }
}
