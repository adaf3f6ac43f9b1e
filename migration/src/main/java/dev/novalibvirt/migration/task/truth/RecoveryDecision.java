package dev.novalibvirt.migration.task.truth;

import static dev.novalibvirt.migration.task.truth.DomainPresence.ABSENT;
import static dev.novalibvirt.migration.task.truth.DomainPresence.DEFINED;
import static dev.novalibvirt.migration.task.truth.DomainPresence.PAUSED;
import static dev.novalibvirt.migration.task.truth.DomainPresence.RUNNING;

import java.util.Objects;

/**
 * Where an interrupted migration's guest lives, decided from what both hypervisors say now and what the journal
 * recorded; pure, so that every row is unit-tested. Rows, first match wins (S = source, D = destination):
 * <table>
 *   <caption>recovery truth table</caption>
 *   <tr><th>S</th><th>D</th><th>journal job</th><th>action</th></tr>
 *   <tr><td>unreachable</td><td>any</td><td>any</td><td>RETRY_LATER (and vice versa)</td></tr>
 *   <tr><td colspan="2">a job is active on either</td><td>any</td><td>WAIT</td></tr>
 *   <tr><td>RUNNING</td><td>RUNNING</td><td>FAILED</td><td>ROLL_BACK (libvirt failed the job and resumed the
 *       source; the destination's copy is the half whose confirmation was lost)</td></tr>
 *   <tr><td>RUNNING</td><td>RUNNING</td><td>COMPLETED / UNKNOWN</td><td>MANUAL (two live copies: destroy
 *       neither)</td></tr>
 *   <tr><td>PAUSED</td><td>RUNNING</td><td>any</td><td>ROLL_FORWARD (switch-over happened)</td></tr>
 *   <tr><td>RUNNING</td><td>PAUSED</td><td>any</td><td>ROLL_BACK (the incoming QEMU never took over)</td></tr>
 *   <tr><td>PAUSED</td><td>PAUSED</td><td>COMPLETED / FAILED / UNKNOWN</td><td>ROLL_FORWARD / ROLL_BACK / MANUAL
 *       (a failed post-copy leaves both halves paused)</td></tr>
 *   <tr><td>RUNNING or PAUSED</td><td>ABSENT or DEFINED</td><td>any</td><td>ROLL_BACK</td></tr>
 *   <tr><td>ABSENT or DEFINED</td><td>RUNNING or PAUSED</td><td>any</td><td>ROLL_FORWARD</td></tr>
 *   <tr><td>DEFINED</td><td>ABSENT</td><td>any</td><td>ROLL_BACK (restartable on the source only)</td></tr>
 *   <tr><td>ABSENT</td><td>DEFINED</td><td>any</td><td>ROLL_FORWARD</td></tr>
 *   <tr><td>DEFINED</td><td>DEFINED</td><td>COMPLETED / FAILED / UNKNOWN</td><td>ROLL_FORWARD / ROLL_BACK /
 *       MANUAL</td></tr>
 *   <tr><td>ABSENT</td><td>ABSENT</td><td>any</td><td>MANUAL (defined nowhere)</td></tr>
 * </table>
 * The host that keeps the guest is resumed when paused and made persistent when transient.
 *
 * <p>Where this does better than Nova: {@code ComputeManager._init_instance} only resets a MIGRATING task state
 * on the restarted host ("the instance is on this host") without asking the other hypervisor, so a guest that had
 * switched over is believed to be on the source and the destination's leftovers stay; 
 * {@code _cleanup_incomplete_migrations} only removes files of <em>deleted</em> instances whose migration is in
 * error; {@code _destroy_evacuated_instances} destroys local guests on the database's word alone. Here both
 * hypervisors are asked, a peer-to-peer job that outlived its caller is waited for instead of raced, and the
 * surviving copy is resumed and made persistent. Two live copies are destroyed automatically only when the journal
 * says libvirt failed the job: then libvirt's confirm step resumed the source, and the destination's copy is the
 * one Nova's {@code rollback_live_migration_at_destination} destroys. Every other pair of live copies is left for
 * a person.
 */
public final class RecoveryDecision {

    /**
     * @param action        what to do
     * @param keeper        the host that keeps the guest (null unless rolling forward or back)
     * @param resumeKeeper  the keeper's domain is paused and must be resumed
     * @param persistKeeper the keeper's domain is transient and must be defined persistently
     * @param reason        the row that matched, for reports and logs
     */
    public record Decision(RecoveryAction action, String keeper, boolean resumeKeeper, boolean persistKeeper,
                           String reason) {
        public Decision {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(reason, "reason");
        }
    }

    private RecoveryDecision() {
    }

    public static Decision decide(HostView source, HostView destination, JobKnowledge job) {
        if (!source.reachable() || !destination.reachable()) {
            HostView down = source.reachable() ? destination : source;
            return other(RecoveryAction.RETRY_LATER, down.host() + " cannot be asked: " + down.detail());
        }
        if (source.jobActive() || destination.jobActive()) {
            return other(RecoveryAction.WAIT, "libvirt still runs the migration job");
        }
        DomainPresence s = source.presence();
        DomainPresence d = destination.presence();
        if (s.active() && d.active()) {
            return bothActive(source, destination, job);
        }
        if (s.active()) {
            return keep(RecoveryAction.ROLL_BACK, source, "only the source runs it");
        }
        if (d.active()) {
            return keep(RecoveryAction.ROLL_FORWARD, destination, "only the destination runs it");
        }
        if (s == DEFINED && d == ABSENT) {
            return keep(RecoveryAction.ROLL_BACK, source, "defined on the source only");
        }
        if (s == ABSENT && d == DEFINED) {
            return keep(RecoveryAction.ROLL_FORWARD, destination, "defined on the destination only");
        }
        if (s == DEFINED) {
            return byJournal(source, destination, job, "defined on both, running on neither");
        }
        return other(RecoveryAction.MANUAL, "defined on neither host");
    }

    private static Decision bothActive(HostView source, HostView destination, JobKnowledge job) {
        DomainPresence s = source.presence();
        DomainPresence d = destination.presence();
        if (s == RUNNING && d == RUNNING) {
            // A cut link or a lost reply in libvirt's finish/confirm handshake: the destination resumed its copy,
            // the source never heard so, failed the job and resumed its own. Both write the same disks until one
            // goes, so a known failure is not left for a person.
            return job == JobKnowledge.FAILED
                    ? keep(RecoveryAction.ROLL_BACK, source, "running on both hosts; the job had failed, so libvirt "
                            + "resumed the source and the destination's copy lost its confirmation")
                    : other(RecoveryAction.MANUAL, "running on both hosts");
        }
        if (s == PAUSED && d == RUNNING) {
            return keep(RecoveryAction.ROLL_FORWARD, destination, "the destination runs it, the source is paused");
        }
        if (s == RUNNING) {
            return keep(RecoveryAction.ROLL_BACK, source, "the source runs it, the destination's QEMU is paused");
        }
        return byJournal(source, destination, job, "paused on both hosts");
    }

    private static Decision byJournal(HostView source, HostView destination, JobKnowledge job, String why) {
        return switch (job) {
            case COMPLETED -> keep(RecoveryAction.ROLL_FORWARD, destination, why + "; the job had completed");
            case FAILED -> keep(RecoveryAction.ROLL_BACK, source, why + "; the job had failed");
            case UNKNOWN -> other(RecoveryAction.MANUAL, why + "; the job's end is unknown");
        };
    }

    private static Decision keep(RecoveryAction action, HostView keeper, String reason) {
        boolean active = keeper.presence().active();
        return new Decision(action, keeper.host(), keeper.presence() == PAUSED, active && !keeper.persistent(),
                reason);
    }

    private static Decision other(RecoveryAction action, String reason) {
        return new Decision(action, null, false, false, reason);
    }
}
