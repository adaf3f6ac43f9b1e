package dev.novalibvirt.migration.monitor;

import java.util.Locale;

/**
 * What the hypervisor says of the guest's memory dirty rate, measured for this migration: libvirt's
 * {@code VIR_DOMAIN_STATS_DIRTYRATE} group ({@code dirtyrate.calc_status}, {@code dirtyrate.megabytes_per_second},
 * {@code dirtyrate.calc_period}, {@code dirtyrate.calc_mode}) after {@code virDomainStartDirtyRateCalc}; QEMU's
 * {@code calc-dirty-rate}. In QEMU's default page-sampling mode the figure is the share of sampled pages that
 * changed during the period, times the guest's memory, over the period: the distinct memory dirtied per second.
 *
 * @param status        where the calculation is
 * @param mibPerSec     the measured rate in MiB/s (libvirt's "megabytes" are MiB); 0 unless MEASURED
 * @param periodSeconds the calculation's period ({@code calc_period}); 0 when unknown
 * @param mode          {@code page-sampling}, {@code dirty-bitmap} or {@code dirty-ring}; empty when unknown
 * @param detail        why it is UNAVAILABLE (libvirt's message, an old libvirt, no calculation started)
 */
public record DirtyRateSample(Status status, long mibPerSec, int periodSeconds, String mode, String detail) {

    /** libvirt's {@code virDomainDirtyRateStatus}, plus UNAVAILABLE for "cannot be had at all". */
    public enum Status {
        /** {@code VIR_DOMAIN_DIRTYRATE_UNSTARTED}: no calculation yet. */
        UNSTARTED,
        /** {@code VIR_DOMAIN_DIRTYRATE_MEASURING}: the calculation runs. */
        MEASURING,
        /** {@code VIR_DOMAIN_DIRTYRATE_MEASURED}: the figure is there. */
        MEASURED,
        /** Not measurable here: libvirt older than 7.2, the call failed, or nobody started a calculation. */
        UNAVAILABLE
    }

    public DirtyRateSample {
        if (status == null) {
            throw new IllegalArgumentException("dirty-rate status is required");
        }
        if (mibPerSec < 0 || periodSeconds < 0) {
            throw new IllegalArgumentException("dirty rate and period must be >= 0, got " + mibPerSec + " MiB/s over "
                    + periodSeconds + " s");
        }
        mode = mode == null ? "" : mode;
        detail = detail == null ? "" : detail;
    }

    /** Nothing measured, and nothing will be: {@code detail} says why. */
    public static DirtyRateSample unavailable(String detail) {
        return new DirtyRateSample(Status.UNAVAILABLE, 0, 0, "", detail);
    }

    /** A finished measurement. */
    public static DirtyRateSample measured(long mibPerSec, int periodSeconds, String mode) {
        return new DirtyRateSample(Status.MEASURED, mibPerSec, periodSeconds, mode, "");
    }

    /** The rate in bytes per second. */
    public long bytesPerSec() {
        return mibPerSec << 20;
    }

    @Override
    public String toString() {
        return switch (status) {
            case MEASURED -> String.format(Locale.ROOT, "%d MiB/s over %d s (%s)", mibPerSec, periodSeconds,
                    mode.isEmpty() ? "mode unknown" : mode);
            case UNAVAILABLE -> "unavailable: " + detail;
            default -> status.name().toLowerCase(Locale.ROOT);
        };
    }
}
