package dev.novalibvirt.libvirt.host;

import dev.novalibvirt.core.driver.InstanceInfo;
import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.core.exception.InternalError;
import dev.novalibvirt.core.exception.MigrationError;

/**
 * One libvirt domain; mirrors {@code nova.virt.libvirt.guest.Guest}. A port in this project's terms: a vanished
 * domain is {@link InstanceNotFound}, anything else libvirt reports is {@link InternalError}, except where a method
 * says otherwise.
 */
public interface Guest {
    /** {@code VIR_DOMAIN_XML_SECURE}: include secrets such as VNC passwords. */
    int XML_SECURE = 1;
    /** {@code VIR_DOMAIN_XML_INACTIVE}: the persistent definition, not the running one. */
    int XML_INACTIVE = 2;
    /** {@code VIR_DOMAIN_XML_MIGRATABLE}. */
    int XML_MIGRATABLE = 8;

    String name();

    /** Mirrors {@code Guest.get_info}: power state per {@code LIBVIRT_POWER_STATE} and the domain id. */
    InstanceInfo info();

    /** Mirrors {@code Guest.is_active}. */
    boolean isActive();

    /** Whether the domain has a persistent definition ({@code virDomainIsPersistent}); a transient one vanishes with its QEMU. */
    boolean isPersistent();

    /** Mirrors {@code Guest.get_xml_desc}; {@code flags} is a sum of the {@code XML_*} constants. */
    String xml(int flags);

    /** Mirrors {@code Guest.launch}: start a defined domain. */
    void launch();

    /** Mirrors {@code Guest.poweroff} ({@code virDomainDestroy}); a domain already gone or off is not an error. */
    void poweroff();

    /** Undefines the domain; a missing domain is not an error. */
    void undefine();

    /** Mirrors {@code Guest.pause}. */
    void pause();

    /** Mirrors {@code Guest.resume}. */
    void resume();

    /** Mirrors {@code Guest.attach_device}: a device element, to the running domain and/or its definition. */
    void attachDevice(String deviceXml, boolean persistent, boolean live);

    /**
     * Mirrors {@code Guest.detach_device} through the driver's {@code _detach_sync}: asks libvirt to remove the
     * device from the running domain and/or its definition, without waiting for the guest to let go of it. QEMU's
     * "already in the process of unplug" (a retried live detach) is not an error, as in Nova.
     *
     * @throws dev.novalibvirt.core.exception.DeviceNotFound when libvirt says the domain has no such device
     */
    void detachDevice(String deviceXml, boolean persistent, boolean live);

    /**
     * Mirrors {@code Guest.migrate} ({@code virDomainMigrateToURI3}). Blocks until libvirt's migration call
     * returns; its error is taken "with a pinch of salt" by the caller, which trusts the job state.
     *
     * @throws MigrationError with libvirt's message when the call fails
     */
    void migrate(MigrationParams params);

    /**
     * Mirrors {@code Guest.get_job_info}: the current job's type. A domain that vanished (the transient source after
     * a completed peer-to-peer migration) reads as {@link JobState#COMPLETED}, as in Nova; a destination's domain
     * whose incoming migration runs reads as {@link JobState#UNBOUNDED} (libvirt has statistics only on the source).
     */
    JobState jobState();

    /** Mirrors {@code Guest.abort_job}. */
    void abortJob();

    /** {@code virDomainMigrateSetMaxDowntime}. */
    void setMaxDowntime(long millis);
}
