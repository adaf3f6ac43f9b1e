package dev.novalibvirt.libvirt.jna;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The libvirt C functions libvirt-java 0.5.4 does not bind, loaded from {@code libvirt.so.0} (the same library
 * libvirt-java uses, so pointers are shared). Signatures follow libvirt's headers; {@code unsigned int} flags are
 * {@code int}, {@code unsigned long} is {@link NativeLong}.
 */
interface LibvirtNative extends Library {
    LibvirtNative INSTANCE = Native.load("virt", LibvirtNative.class);

    /** {@code int virDomainMigrateStartPostCopy(virDomainPtr, unsigned int flags)}. */
    int virDomainMigrateStartPostCopy(Pointer domain, int flags);

    /** {@code int virDomainMigrateSetMaxSpeed(virDomainPtr, unsigned long bandwidth, unsigned int flags)}, MiB/s. */
    int virDomainMigrateSetMaxSpeed(Pointer domain, NativeLong bandwidth, int flags);

    /** {@code int virDomainMigrateGetMaxSpeed(virDomainPtr, unsigned long *bandwidth, unsigned int flags)}. */
    int virDomainMigrateGetMaxSpeed(Pointer domain, NativeLongByReference bandwidth, int flags);

    /** {@code int virDomainGetState(virDomainPtr, int *state, int *reason, unsigned int flags)}. */
    int virDomainGetState(Pointer domain, IntByReference state, IntByReference reason, int flags);

    /**
     * {@code int virDomainStartDirtyRateCalc(virDomainPtr, int seconds, unsigned int flags)} (libvirt >= 7.2):
     * starts QEMU's {@code calc-dirty-rate} for {@code seconds} (1 to 60) and returns; flags pick the mode
     * ({@code VIR_DOMAIN_DIRTYRATE_MODE_*}, libvirt >= 8.1; 0 = page sampling).
     */
    int virDomainStartDirtyRateCalc(Pointer domain, int seconds, int flags);

    /**
     * {@code int virDomainListGetStats(virDomainPtr *doms, unsigned int stats, virDomainStatsRecordPtr **retStats,
     * unsigned int flags)}: {@code doms} is NULL-terminated; the result, a NULL-terminated array of records, is freed
     * with {@link #virDomainStatsRecordListFree}. Returns the number of records.
     */
    int virDomainListGetStats(Pointer doms, int stats, PointerByReference retStats, int flags);

    /** {@code void virDomainStatsRecordListFree(virDomainStatsRecordPtr *stats)}. */
    void virDomainStatsRecordListFree(Pointer stats);

    /** {@code int virConnectDomainEventRegisterAny(conn, dom, eventID, cb, opaque, freecb)}; returns the id. */
    int virConnectDomainEventRegisterAny(Pointer conn, Pointer domain, int eventId, Callback cb, Pointer opaque,
                                         Callback freeCb);

    /** {@code int virConnectDomainEventDeregisterAny(virConnectPtr, int callbackID)}. */
    int virConnectDomainEventDeregisterAny(Pointer conn, int callbackId);

    /** {@code int virEventRegisterDefaultImpl(void)}. */
    int virEventRegisterDefaultImpl();

    /** {@code int virEventRunDefaultImpl(void)}: one iteration of the default event loop. */
    int virEventRunDefaultImpl();

    /** {@code int virEventAddTimeout(int frequency, virEventTimeoutCallback cb, void *opaque, virFreeCallback ff)}. */
    int virEventAddTimeout(int frequencyMs, Callback cb, Pointer opaque, Callback freeCb);

    /** {@code int virGetLastErrorCode(void)} (libvirt >= 4.5): the calling thread's last error. */
    int virGetLastErrorCode();

    /** {@code const char *virGetLastErrorMessage(void)}. */
    String virGetLastErrorMessage();

    /** {@code void virResetLastError(void)}. */
    void virResetLastError();

    /** {@code virConnectDomainEventJobCompletedCallback}. */
    interface JobCompletedCallback extends Callback {
        void invoke(Pointer conn, Pointer domain, Pointer params, int nparams, Pointer opaque);
    }

    /** {@code virConnectDomainEventMigrationIterationCallback}. */
    interface MigrationIterationCallback extends Callback {
        void invoke(Pointer conn, Pointer domain, int iteration, Pointer opaque);
    }

    /** {@code virEventTimeoutCallback}. */
    interface TimeoutCallback extends Callback {
        void invoke(int timer, Pointer opaque);
    }
}
