package dev.novalibvirt.conformance.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The fault classes of issue 11's matrix ({@link FaultsBench}), by the name {@code ./lab bench faults} takes. Each
 * hits a running a -> b migration at an offset into {@code live_migration}; {@link FaultInjection} does it.
 */
enum FaultClass {
    /** host-b's libvirtd killed -9 (its QEMUs keep running), started again after the cell. */
    DEST_LIBVIRTD_KILL("dest-libvirtd-kill"),
    /** host-b's libvirtd restarted (SIGTERM, start; its QEMUs keep running). */
    DEST_LIBVIRTD_RESTART("dest-libvirtd-restart"),
    /** host-a's libvirtd killed -9 and started again 5 s later, as a supervisor would. */
    SOURCE_LIBVIRTD_KILL("source-libvirtd-kill"),
    /** host-a's libvirtd restarted. */
    SOURCE_LIBVIRTD_RESTART("source-libvirtd-restart"),
    /** host-b's link cut for 30 s. */
    DEST_LINK_CUT("dest-link-cut"),
    /** host-b's link cut for 150 s: libvirt's keepalive gives up long before it comes back. */
    DEST_LINK_CUT_150("dest-link-cut-150"),
    /** The guest's QEMU on host-b (the incoming one, or the guest itself after the switch-over) killed -9. */
    DEST_QEMU_KILL("dest-qemu-kill"),
    /** The guest's QEMU on host-a killed -9: before the switch-over that is the guest itself. */
    SOURCE_QEMU_KILL("source-qemu-kill"),
    /** The lab's OSD daemon(s) restarted ({@code ./lab osd-restart}); the cluster serves I/O again after it. */
    OSD_RESTART("osd-restart"),
    /** The Ceph monitor moved to another address ({@code ./lab mon-move}); moved back after the cell. */
    MON_MOVE("mon-move"),
    /** The embedder's abort ({@code LiveMigrationHandle.abort}, the driver's liveMigrationAbort) as the job starts. */
    ABORT_RACE("abort-race"),
    /** The embedder's force-complete ({@code liveMigrationForceComplete}) as the job starts. */
    FORCE_COMPLETE_RACE("force-complete-race"),
    /**
     * The embedding JVM killed -9: the migration runs in a child controller JVM ({@link KilledController}); libvirt
     * ends the peer-to-peer job without it, then recovery runs from its journal in the bench's JVM.
     */
    CONTROLLER_KILL("controller-kill");

    /** The default offsets of the race classes: the very start of the job. */
    static final List<Long> RACE_OFFSETS_MS = List.of(0L, 5L, 20L);

    private final String label;

    FaultClass(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** @throws IllegalArgumentException naming the known classes when {@code label} is none of them */
    static FaultClass of(String label) {
        return Arrays.stream(values()).filter(f -> f.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fault '" + label + "'; known: " + labels()));
    }

    static List<String> labels() {
        return Arrays.stream(values()).map(FaultClass::label).toList();
    }

    /** An abort or force-complete racing the job's start, not a broken part of the lab. */
    boolean race() {
        return this == ABORT_RACE || this == FORCE_COMPLETE_RACE;
    }

    /**
     * The host (letter) whose QEMU of the guest this kills, or null. Only there may the guest end stopped (defined on
     * one host and restartable there): it is its own QEMU that died.
     */
    String qemuKilledOn() {
        return switch (this) {
            case DEST_QEMU_KILL -> "b";
            case SOURCE_QEMU_KILL -> "a";
            default -> null;
        };
    }

    /** How long host-b's link stays cut; zero for the classes that cut none. */
    Duration linkCut() {
        return switch (this) {
            case DEST_LINK_CUT -> Duration.ofSeconds(30);
            case DEST_LINK_CUT_150 -> Duration.ofSeconds(150);
            default -> Duration.ZERO;
        };
    }
}
