package dev.novalibvirt.libvirt.jna;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.NativeLongByReference;
import org.libvirt.Domain;

/**
 * Migration calls libvirt-java 0.5.4 lacks: post-copy switch, max speed, state with reason. Thread-safe (libvirt
 * objects are); errors are raised as {@link LibvirtCallException} with libvirt's code and message.
 */
public final class MigrationControl {
    private MigrationControl() {
    }

    /** {@code virDomainMigrateStartPostCopy}: switch a running migration started with VIR_MIGRATE_POSTCOPY. */
    public static void startPostCopy(Domain domain) {
        Pointer p = LibvirtPointers.of(domain);
        if (LibvirtNative.INSTANCE.virDomainMigrateStartPostCopy(p, 0) < 0) {
            throw LibvirtCallException.last("virDomainMigrateStartPostCopy");
        }
    }

    /** {@code virDomainMigrateSetMaxSpeed}: the migration bandwidth cap in MiB/s (0 = unlimited). */
    public static void setMaxSpeed(Domain domain, long mibPerSec) {
        if (mibPerSec < 0) {
            throw new IllegalArgumentException("bandwidth must be >= 0 MiB/s, got " + mibPerSec);
        }
        Pointer p = LibvirtPointers.of(domain);
        if (LibvirtNative.INSTANCE.virDomainMigrateSetMaxSpeed(p, new NativeLong(mibPerSec), 0) < 0) {
            throw LibvirtCallException.last("virDomainMigrateSetMaxSpeed");
        }
    }

    /** {@code virDomainMigrateGetMaxSpeed}, MiB/s. */
    public static long getMaxSpeed(Domain domain) {
        Pointer p = LibvirtPointers.of(domain);
        NativeLongByReference bw = new NativeLongByReference();
        if (LibvirtNative.INSTANCE.virDomainMigrateGetMaxSpeed(p, bw, 0) < 0) {
            throw LibvirtCallException.last("virDomainMigrateGetMaxSpeed");
        }
        return bw.getValue().longValue();
    }

    /** {@code virDomainGetState}: state and reason. */
    public static DomainState state(Domain domain) {
        Pointer p = LibvirtPointers.of(domain);
        IntByReference state = new IntByReference();
        IntByReference reason = new IntByReference();
        if (LibvirtNative.INSTANCE.virDomainGetState(p, state, reason, 0) < 0) {
            throw LibvirtCallException.last("virDomainGetState");
        }
        return new DomainState(DomainState.State.of(state.getValue()), reason.getValue());
    }
}
