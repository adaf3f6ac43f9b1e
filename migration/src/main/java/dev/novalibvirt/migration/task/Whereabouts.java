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
