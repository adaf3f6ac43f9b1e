package dev.novalibvirt.libvirt.jna;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.novalibvirt.core.exception.InvalidInput;
import java.util.List;
import org.libvirt.Domain;
import org.libvirt.TypedParameter;

/**
 * Migration calls libvirt-java 0.5.4 lacks: post-copy switch, max speed, state with reason, the dirty-rate
 * calculation and the domain statistics it is read from. Thread-safe (libvirt
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

    /** {@code VIR_DOMAIN_STATS_DIRTYRATE}: the dirty-rate statistics group (libvirt >= 7.2). */
    public static final int STATS_DIRTYRATE = 1 << 9;
    /** {@code VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT}: skip what would wait for the domain's job. */
    static final int STATS_NOWAIT = 1 << 29;
    /** libvirt's bounds of {@code virDomainStartDirtyRateCalc}'s seconds. */
    public static final int DIRTY_RATE_MIN_SECONDS = 1;
    public static final int DIRTY_RATE_MAX_SECONDS = 60;

    /**
     * {@code virDomainStartDirtyRateCalc} in page-sampling mode (flags 0: the mode QEMU has under TCG too; the
     * dirty-ring mode needs KVM's dirty ring, the dirty-bitmap mode cannot run beside a migration). Returns at once;
     * QEMU measures for {@code seconds}. It takes a modify job: call it before the migration starts, not during it.
     *
     * @throws InvalidInput when {@code seconds} is outside 1..60
     * @throws LibvirtCallException when libvirt refuses (older than 7.2: no such function)
     */
    public static void startDirtyRateCalc(Domain domain, int seconds) {
        if (seconds < DIRTY_RATE_MIN_SECONDS || seconds > DIRTY_RATE_MAX_SECONDS) {
            throw new InvalidInput("dirty-rate calculation seconds must be within " + DIRTY_RATE_MIN_SECONDS + ".."
                    + DIRTY_RATE_MAX_SECONDS + ", got " + seconds);
        }
        Pointer p = LibvirtPointers.of(domain);
        int rc;
        try {
            rc = LibvirtNative.INSTANCE.virDomainStartDirtyRateCalc(p, seconds, 0);
        } catch (UnsatisfiedLinkError e) {
            throw new LibvirtCallException("virDomainStartDirtyRateCalc", LibvirtCallException.NO_SUPPORT,
                    "this libvirt (older than 7.2) has no dirty-rate calculation");
        }
        if (rc < 0) {
            throw LibvirtCallException.last("virDomainStartDirtyRateCalc");
        }
    }

    /**
     * {@code virDomainListGetStats} of one domain for the {@code stats} groups ({@code VIR_DOMAIN_STATS_*}), without
     * waiting for the domain's job (NOWAIT): a group that would have to wait is left out. Empty when libvirt
     * returned no record.
     *
     * @throws LibvirtCallException when libvirt refuses
     */
    public static TypedParameter[] domainStats(Domain domain, int stats) {
        Pointer p = LibvirtPointers.of(domain);
        Memory doms = new Memory(2L * Native.POINTER_SIZE); // NULL-terminated virDomainPtr array
        doms.setPointer(0, p);
        doms.setPointer(Native.POINTER_SIZE, Pointer.NULL);
        PointerByReference ret = new PointerByReference();
        if (LibvirtNative.INSTANCE.virDomainListGetStats(doms, stats, ret, STATS_NOWAIT) < 0) {
            throw LibvirtCallException.last("virDomainListGetStats");
        }
        Pointer records = ret.getValue();
        try {
            List<TypedParameter[]> all = TypedParams.copyStatsRecords(records);
            return all.isEmpty() ? new TypedParameter[0] : all.get(0);
        } finally {
            if (records != null) {
                LibvirtNative.INSTANCE.virDomainStatsRecordListFree(records);
            }
        }
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
