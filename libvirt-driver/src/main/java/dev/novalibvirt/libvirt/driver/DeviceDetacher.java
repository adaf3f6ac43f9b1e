package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.DeviceDetachFailed;
import dev.novalibvirt.core.exception.DeviceNotFound;
import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.core.exception.InternalError;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.libvirt.host.Guest;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a disk from a guest as Nova's {@code LibvirtDriver._detach_with_retry} does: from the persistent
 * definition once (synchronous, never retried), then from the running domain, re-requested up to
 * {@code device_detach_attempts} times while the guest still holds the device after {@code device_detach_timeout}.
 * Where Nova waits for libvirt's {@code DeviceRemovedEvent}, this reads the live XML every poll interval; a guest
 * that never lets go ends in {@link DeviceDetachFailed}, so the wait is bounded by attempts x timeout.
 */
final class DeviceDetacher {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceDetacher.class);

    /** Passes time; the test's fake advances a clock instead of sleeping. */
    interface Pause {
        void sleep(Duration d);
    }

    /** Finds the device in the guest's live XML, or its definition ({@code from_persistent_config}). */
    interface DeviceLookup {
        Optional<Disk> find(Guest guest, boolean fromPersistentConfig);
    }

    private final DetachSettings settings;
    private final LongSupplier nanoTime;
    private final Pause pause;

    DeviceDetacher(DetachSettings settings, LongSupplier nanoTime, Pause pause) {
        this.settings = settings;
        this.nanoTime = nanoTime;
        this.pause = pause;
    }

    /** With the system clock and {@link Thread#sleep}. */
    static DeviceDetacher system(DetachSettings settings) {
        return new DeviceDetacher(settings, System::nanoTime, DeviceDetacher::sleep);
    }

    /**
     * Mirrors {@code _detach_with_retry(guest, instance_uuid, get_device_conf_func, device_name)}.
     *
     * @param deviceName the device for messages (e.g. {@code vdb}); not how libvirt finds it
     * @throws DeviceNotFound      the device is in neither config, or libvirt says so for a persistent-only detach
     * @throws DeviceDetachFailed  the guest still holds the device after every attempt
     */
    void detach(Guest guest, String instanceUuid, DeviceLookup lookup, String deviceName) {
        PowerState state = guest.info().state();
        boolean live = state == PowerState.RUNNING || state == PowerState.PAUSED;
        boolean persistent = guest.isPersistent();
        if (!persistent && !live) {
            return; // nothing holds the device
        }
        Optional<Disk> persistentDev = persistent ? lookup.find(guest, true) : Optional.empty();
        Optional<Disk> liveDev = live ? lookup.find(guest, false) : Optional.empty();
        if (persistentDev.isEmpty() && liveDev.isEmpty()) {
            throw new DeviceNotFound(deviceName);
        }
        if (persistentDev.isPresent()) {
            try {
                if (!detachFromPersistent(guest, instanceUuid, persistentDev.get(), lookup, deviceName)) {
                    return;
                }
            } catch (DeviceNotFound e) {
                if (liveDev.isEmpty()) {
                    throw e;
                }
                LOG.warn("libvirt reported device {} of instance {} missing from the persistent config; going on "
                        + "with the live detach, the running domain has it", deviceName, instanceUuid);
            }
        }
        if (liveDev.isPresent()) {
            detachFromLiveWithRetry(guest, instanceUuid, liveDev.get(), lookup, deviceName);
        }
    }

    /**
     * {@code _detach_from_persistent}: one request, then a check (libvirt gives no event for the definition).
     *
     * @return false when the domain disappeared meanwhile (nothing left to detach)
     */
    private static boolean detachFromPersistent(Guest guest, String instanceUuid, Disk dev, DeviceLookup lookup,
                                                String deviceName) {
        if (!detachSync(guest, instanceUuid, dev, true)) {
            return false;
        }
        if (lookup.find(guest, true).isEmpty()) {
            LOG.info("detached device {} of instance {} from the persistent domain config", deviceName, instanceUuid);
        } else {
            LOG.warn("device {} of instance {} is still in the persistent domain config although libvirt reported "
                    + "no error", deviceName, instanceUuid);
        }
        return true;
    }

    /**
     * {@code _detach_sync}: one request; a domain that disappeared is only logged, as in Nova.
     *
     * @return false when the domain is gone
     */
    private static boolean detachSync(Guest guest, String instanceUuid, Disk dev, boolean persistent) {
        try {
            guest.detachDevice(DomainXml.writeDisk(dev), persistent, !persistent);
            return true;
        } catch (InstanceNotFound e) {
            LOG.warn("during the detach of a device, instance {} disappeared", instanceUuid);
            return false;
        }
    }

    /** {@code _detach_from_live_with_retry} with {@code _detach_from_live_and_wait_for_event} polled. */
    private void detachFromLiveWithRetry(Guest guest, String instanceUuid, Disk dev, DeviceLookup lookup,
                                         String deviceName) {
        Disk current = dev;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            if (current.getAlias() == null) {
                // Nova needs the alias for its event; a running domain's disk always has one
                throw new InternalError("device " + deviceName + " of instance " + instanceUuid + " has no alias");
            }
            LOG.debug("({}/{}) detaching device {} (alias {}) of instance {} from the live domain", attempt,
                    settings.attempts(), deviceName, current.getAlias(), instanceUuid);
            if (!detachSync(guest, instanceUuid, current, false)) {
                return;
            }
            Optional<Disk> still = waitUntilGone(guest, lookup);
            if (still.isEmpty()) {
                LOG.info("detached device {} of instance {} from the live domain config", deviceName, instanceUuid);
                return;
            }
            LOG.debug("device {} of instance {} still in the live domain after {}", deviceName, instanceUuid,
                    settings.timeout());
            current = still.get();
        }
        String reason = "still attached to the running guest of instance " + instanceUuid + " after "
                + settings.attempts() + " attempts of " + settings.timeout().toMillis() + " ms";
        LOG.error("detach of device {} (alias {}): {}", deviceName, current.getAlias(), reason);
        throw new DeviceDetachFailed(deviceName, reason);
    }

    /** The device while it is still in the live domain at the end of the timeout; empty once it left. */
    private Optional<Disk> waitUntilGone(Guest guest, DeviceLookup lookup) {
        long deadline = nanoTime.getAsLong() + settings.timeout().toNanos();
        while (true) {
            Optional<Disk> still = lookup.find(guest, false);
            if (still.isEmpty() || nanoTime.getAsLong() - deadline >= 0) {
                return still;
            }
            pause.sleep(settings.pollInterval());
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NovaException("interrupted while waiting for a device detach");
        }
    }
}
