package dev.novalibvirt.migration.task;

import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.InstanceInfo;
import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.migration.task.truth.DomainPresence;
import dev.novalibvirt.migration.task.truth.HostView;
import dev.novalibvirt.migration.task.truth.JobKnowledge;
import dev.novalibvirt.migration.task.truth.RecoveryDecision;

/**
 * Where the guest is when {@code live_migration} threw instead of calling back, asked through the drivers'
 * {@code get_info}. The drivers' contract cannot tell a job or persistence, so an active job reads as none (rolling
 * back then kills the incoming QEMU, which ends the job with the guest on the source) and the definition as
 * persistent; {@link MigrationRecovery} asks libvirt itself.
 */
final class Whereabouts {
    private Whereabouts() {
    }

    static RecoveryDecision.Decision decide(ComputeDriver source, ComputeDriver destination, Instance instance) {
        return RecoveryDecision.decide(view(source, instance), view(destination, instance), JobKnowledge.UNKNOWN);
    }

    /**
     * libvirt's job said "completed" but the hosts say otherwise: the destination, asked just now, has no domain of
     * the guest at all while the source still has it (running or stopped). A completed migration always leaves the
     * destination with the domain (PERSIST_DEST runs in libvirt's Finish phase, before the source hears of the end),
     * so this is a source QEMU that stopped mid-job: the monitor reads a stopped source domain as Nova's
     * {@code get_job_info} does, as a transient guest that left ({@code VIR_ERR_OPERATION_INVALID}: completed).
     * Nova then runs {@code _post_live_migration} and undefines the guest's only definition; this rolls back instead.
     * A host that cannot be asked proves nothing: the job's word stands.
     */
    static boolean completionDisproved(ComputeDriver source, ComputeDriver destination, Instance instance) {
        HostView dest = view(destination, instance);
        if (!dest.reachable() || dest.presence() != DomainPresence.ABSENT) {
            return false;
        }
        HostView src = view(source, instance);
        return src.reachable() && src.presence() != DomainPresence.ABSENT;
    }

    /**
     * libvirt's job said "failed" or "cancelled" but the hosts say the guest moved: the destination, asked just now,
     * runs it (not paused) while the source has no active domain of it (gone, or defined and stopped). See
     * {@code TaskRun}'s net for why a job can read so. A host that cannot be asked proves nothing: the job's word
     * stands. The source is asked first: it is the host that just answered {@code live_migration}, and in the
     * ordinary failure it still has the active guest, so a dead destination (an RPC timeout away) is asked only
     * when the source's answer leaves the question open.
     */
    static boolean failureDisproved(ComputeDriver source, ComputeDriver destination, Instance instance) {
        HostView src = view(source, instance);
        if (!src.reachable() || src.presence().active()) {
            return false;
        }
        HostView dest = view(destination, instance);
        return dest.reachable() && dest.presence() == DomainPresence.RUNNING;
    }

    static HostView view(ComputeDriver driver, Instance instance) {
        try {
            InstanceInfo info = driver.getInfo(instance);
            DomainPresence p = switch (info.state()) {
                case RUNNING -> DomainPresence.RUNNING;
                case PAUSED -> DomainPresence.PAUSED;
                default -> DomainPresence.DEFINED;
            };
            return HostView.of(driver.host(), p, true, false);
        } catch (InstanceNotFound e) {
            return HostView.of(driver.host(), DomainPresence.ABSENT, false, false);
        } catch (RuntimeException e) {
            return HostView.unreachable(driver.host(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
