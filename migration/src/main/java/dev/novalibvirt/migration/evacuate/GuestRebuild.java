package dev.novalibvirt.migration.evacuate;

import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.InstanceExists;
import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.core.exception.NovaException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One guest's rebuild on its destination, as Nova's {@code ComputeManager._do_rebuild_instance} does it with
 * {@code evacuate=True} on shared storage: refuse a destination that has the instance already
 * ({@code _check_instance_exists}), check the disk (storage port), then {@code driver.spawn} from the existing disk.
 * The journal records the attempt before anything is done and its end after.
 */
final class GuestRebuild {
    private static final Logger LOG = LoggerFactory.getLogger(GuestRebuild.class);

    private final String source;
    private final EvacuationStorage storage;
    private final EvacuationJournal journal;
    private final Clock clock;

    GuestRebuild(String source, EvacuationStorage storage, EvacuationJournal journal, Clock clock) {
        this.source = source;
        this.storage = storage;
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * Rebuilds {@code guest} on {@code destination}.
     *
     * @param resumed an earlier run's attempt on this destination that never ended: a domain it left there is
     *                either the rebuilt guest (running: done) or half-made (removed, disks kept, and rebuilt again)
     */
    EvacuationOutcome rebuild(EvacuationGuest guest, ComputeDriver destination, boolean resumed) {
        Instance instance = guest.instance();
        String dest = destination.host();
        Instant began = clock.instant();
        String id = journal.begin(instance, source, dest);
        List<String> fencedHolders;
        try {
            if (destination.instanceExists(instance)) {
                if (resumed && runs(destination, instance)) {
                    LOG.info("evacuation of {}: {} already runs on {} (an earlier run rebuilt it)", source,
                            instance.uuid(), dest);
                    return end(id, new EvacuationOutcome.Rebuilt(dest, Duration.ZERO, true, List.of()));
                }
                if (!resumed) {
                    throw new InstanceExists("Instance " + instance.name() + " already exists on " + dest
                            + "; not rebuilding it there");
                }
                // our own half-made rebuild: the definition goes, never the shared disk
                destination.destroy(instance, guest.networkInfo(), guest.blockDeviceInfo(), false, false);
            }
            fencedHolders = storage.checkCanRebuild(instance);
        } catch (RuntimeException e) {
            // nothing was done for this guest: its refusal, typed, and the next guest goes
            return end(id, new EvacuationOutcome.Refused(nova(e, "the checks before rebuilding " + instance.uuid()
                    + " on " + dest + " failed")));
        }
        journal.rebuilding(id, dest);
        try {
            LOG.info("evacuation of {}: rebuilding {} on {}", source, instance.uuid(), dest);
            destination.spawn(instance, guest.imageMeta(), guest.networkInfo(), guest.blockDeviceInfo(), true);
        } catch (RuntimeException e) {
            return end(id, new EvacuationOutcome.Failed(dest, nova(e, "spawn on " + dest + " failed")));
        }
        return end(id, new EvacuationOutcome.Rebuilt(dest, Duration.between(began, clock.instant()), resumed,
                fencedHolders));
    }

    private static NovaException nova(RuntimeException e, String what) {
        return e instanceof NovaException n ? n : new NovaException(what + ": " + e, e);
    }

    private EvacuationOutcome end(String id, EvacuationOutcome outcome) {
        journal.ended(id, outcome);
        return outcome;
    }

    private static boolean runs(ComputeDriver destination, Instance instance) {
        try {
            return destination.getInfo(instance).state() == PowerState.RUNNING;
        } catch (InstanceNotFound e) {
            return false;
        }
    }
}
