package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.exception.InvalidConfiguration;
import java.time.Duration;

/**
 * How long a live detach may take: Nova's {@code [libvirt] device_detach_attempts} (default 8) and
 * {@code device_detach_timeout} (default 20 s, per attempt), and how often the live XML is read while waiting
 * (this driver polls where Nova waits for libvirt's device-removed event).
 *
 * @param attempts     live detach requests before {@code DeviceDetachFailed}; at least 1
 * @param timeout      the wait for the device to leave the live domain after each request; positive
 * @param pollInterval between two reads of the live XML; positive, not longer than {@code timeout}
 */
record DetachSettings(int attempts, Duration timeout, Duration pollInterval) {
    /** Nova's defaults, read every half second. */
    static final DetachSettings NOVA_DEFAULTS = new DetachSettings(8, Duration.ofSeconds(20), Duration.ofMillis(500));

    /**
     * The options as nova.conf gives them (whole seconds, minimum 1 as in Nova), read every half second.
     *
     * @throws InvalidConfiguration naming the option and what it must be
     */
    static DetachSettings of(int attempts, int timeoutSeconds) {
        if (timeoutSeconds < 1) {
            throw new InvalidConfiguration("[libvirt] device_detach_timeout must be at least 1 (seconds), not "
                    + timeoutSeconds);
        }
        return new DetachSettings(attempts, Duration.ofSeconds(timeoutSeconds), Duration.ofMillis(500));
    }

    /** @throws InvalidConfiguration naming the option and what it must be */
    DetachSettings {
        if (attempts < 1) {
            throw new InvalidConfiguration("[libvirt] device_detach_attempts must be at least 1, not " + attempts);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidConfiguration("[libvirt] device_detach_timeout must be a positive duration, not "
                    + timeout);
        }
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()
                || pollInterval.compareTo(timeout) > 0) {
            throw new InvalidConfiguration("the detach poll interval must be positive and at most "
                    + "device_detach_timeout (" + timeout + "), not " + pollInterval);
        }
    }
}
