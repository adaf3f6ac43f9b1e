package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.migration.task.LiveMigrationOutcome;
import java.util.List;
import java.util.Optional;

/**
 * The verdict of one fault-matrix cell from what was seen without the library (virsh on both hosts, the instance
 * dirs, rbd, the serial log) and what the library said; pure, so that each rule is unit-tested. The first broken
 * invariant names the cell:
 * <ol>
 *   <li>{@code twice}: both hosts run the guest; {@code lost}: none runs it nor has it stopped on exactly one host
 *       where that is allowed: where its own QEMU was killed, or, for a source libvirtd killed -9, on the source when
 *       the outcome says exactly that ({@link #mayBeStopped}); {@code paused}: it is paused where it lives;</li>
 *   <li>{@code leftovers}: the other host keeps a domain or instance dir of it, its secrets changed, or the journal
 *       keeps the migration unfinished after {@code recover()};</li>
 *   <li>{@code wrong}: the library's outcome names another host than the one the guest is on, states another guest
 *       state than virsh sees (a rollback's power state: running, paused, or stopped with the step that starts it),
 *       a started migration threw, an accepted abort did not end {@code cancelled}, a force-complete did not end
 *       completed;</li>
 *   <li>{@code image}: the root disk's RBD image id changed; {@code stalled}: it runs but its serial output does not
 *       grow; {@code unrestartable}: stopped where its QEMU was killed, it does not start there;
 *       {@code followup}: a migration after the cell did not complete.</li>
 * </ol>
 */
final class FaultVerdict {
    /** Every verdict, {@code ok} first: the RESULT line counts each. */
    static final List<String> ALL = List.of("ok", "lost", "twice", "paused", "leftovers", "wrong", "image", "stalled",
            "unrestartable", "followup", "error");

    /** What one host has of the guest, read with virsh and the filesystem. */
    record Look(String letter, Optional<String> state, boolean dir) {
        boolean running() {
            return state.filter("running"::equals).isPresent();
        }

        boolean paused() {
            return state.filter("paused"::equals).isPresent();
        }

        boolean defined() {
            return state.isPresent();
        }

        boolean clean() {
            return state.isEmpty() && !dir;
        }
    }

    /**
     * What a cell saw.
     *
     * @param fault          the fault class
     * @param injected       what the injection did ({@link FaultInjection#what()})
     * @param outcome        the library's outcome; null when the task threw
     * @param a              host-a after recovery
     * @param b              host-b after recovery
     * @param journalClosed  the journal has no unfinished migration after {@code recover()}
     * @param secretsSame    both hosts' libvirt secrets are as before the cell
     * @param imageSame      the root disk's RBD image id is the one it had after spawn
     * @param alive          the running guest's serial output grows (null when none runs)
     * @param restarted      the stopped guest started where it stopped and its output grows (null when not tried)
     * @param followUp       the migration after the cell completed (null when not tried)
     */
    record Facts(FaultClass fault, String injected, LiveMigrationOutcome outcome, Look a, Look b,
                 boolean journalClosed, boolean secretsSame, boolean imageSame, Boolean alive, Boolean restarted,
                 Boolean followUp) {
    }

    private FaultVerdict() {
    }

    /** Where the guest is: {@code a}, {@code b}, {@code both}, {@code b(stopped)}, {@code a(paused)}, {@code none}. */
    static String truth(Look a, Look b) {
        if (a.running() && b.running()) {
            return "both";
        }
        for (Look l : List.of(a, b)) {
            if (l.running()) {
                return l.letter();
            }
        }
        Optional<Look> keeper = onlyDefined(a, b);
        return keeper.map(l -> l.letter() + "(" + (l.paused() ? "paused" : "stopped") + ")").orElse("none");
    }

    /** The host that keeps the guest (runs it, or alone has it defined), if exactly one does. */
    static Optional<Look> keeper(Look a, Look b) {
        if (a.running() != b.running()) {
            return Optional.of(a.running() ? a : b);
        }
        return a.running() ? Optional.empty() : onlyDefined(a, b);
    }

    private static Optional<Look> onlyDefined(Look a, Look b) {
        if (a.defined() == b.defined()) {
            return Optional.empty();
        }
        return Optional.of(a.defined() ? a : b);
    }

    static String judge(Facts f) {
        Look a = f.a();
        Look b = f.b();
        if (a.running() && b.running()) {
            return "twice";
        }
        Optional<Look> keeper = keeper(a, b);
        if (keeper.isEmpty()) {
            return "lost";
        }
        Look k = keeper.get();
        Look other = k == a ? b : a;
        if (!k.running()) {
            if (k.paused()) {
                return "paused";
            }
            if (!mayBeStopped(f.fault(), f.outcome(), k)) {
                return "lost"; // stopped where nothing excuses it
            }
        }
        if (!other.clean() || !f.journalClosed() || !f.secretsSame()) {
            return "leftovers";
        }
        if (!outcomeMatches(f, k)) {
            return "wrong";
        }
        if (!f.imageSame()) {
            return "image";
        }
        if (k.running() && !Boolean.TRUE.equals(f.alive())) {
            return "stalled";
        }
        if (!k.running() && !Boolean.TRUE.equals(f.restarted())) {
            return "unrestartable";
        }
        return Boolean.TRUE.equals(f.followUp()) ? "ok" : "followup";
    }

    /**
     * The guest may end stopped on exactly one host, {@code keeper} (defined, not running), and then must start there:
     * where its own QEMU was killed; or on the source after its libvirtd was killed -9, only when the library's outcome
     * says exactly that (rolled back to that host, stopped, with the step that starts it there). The lab's
     * source-libvirtd-kill at the switch-over once ended so while the library said the guest ran on the source.
     */
    static boolean mayBeStopped(FaultClass fault, LiveMigrationOutcome outcome, Look keeper) {
        if (keeper.letter().equals(fault.qemuKilledOn())) {
            return true;
        }
        return fault == FaultClass.SOURCE_LIBVIRTD_KILL && keeper.letter().equals("a")
                && outcome instanceof LiveMigrationOutcome.RolledBack rb && rb.host().equals("host-a")
                && saysStopped(rb, keeper);
    }

    /** The rollback's outcome says the guest is stopped on its host and names the step that starts it there. */
    private static boolean saysStopped(LiveMigrationOutcome.RolledBack rb, Look keeper) {
        return stopped(rb.powerState()) && keeper.defined() && !keeper.running() && !keeper.paused()
                && rb.remedy().startsWith("start the guest on " + rb.host());
    }

    private static boolean stopped(PowerState p) {
        return p == PowerState.SHUTDOWN || p == PowerState.CRASHED;
    }

    /** The guest state a rollback's outcome states is the one virsh sees on the keeper. */
    static boolean statedStateMatches(LiveMigrationOutcome.RolledBack rb, Look keeper) {
        if (keeper.running()) {
            return rb.powerState() == PowerState.RUNNING && rb.asBefore();
        }
        if (keeper.paused()) {
            return rb.powerState() == PowerState.PAUSED;
        }
        return saysStopped(rb, keeper);
    }

    /** The library's outcome says what is true: the host, the guest's state, what an abort or a force-complete means. */
    private static boolean outcomeMatches(Facts f, Look keeper) {
        LiveMigrationOutcome o = f.outcome();
        if (o == null) {
            return false; // a started migration must end with a typed outcome, never an exception
        }
        boolean onDestination = keeper.letter().equals("b");
        if (f.fault() == FaultClass.FORCE_COMPLETE_RACE) {
            return o instanceof LiveMigrationOutcome.Completed && onDestination;
        }
        if (o instanceof LiveMigrationOutcome.RolledBack rb && (onDestination || !statedStateMatches(rb, keeper))) {
            return false;
        }
        if (f.fault() == FaultClass.ABORT_RACE && f.injected().equals("abort accepted")) {
            return o instanceof LiveMigrationOutcome.RolledBack rb && rb.status() == MigrationStatus.CANCELLED;
        }
        return switch (o.kind()) {
            case COMPLETED -> onDestination;
            case ROLLED_BACK -> true; // on the source, in the state it states (checked above)
            case NEEDS_RECOVERY -> true; // recover() finished it (journalClosed); the host it named last had the guest
        };
    }
}
