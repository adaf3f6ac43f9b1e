package dev.novalibvirt.migration.evacuate;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.exception.NovaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The old host came back: its copies of the guests an evacuation rebuilt elsewhere go, as Nova's
 * {@code ComputeManager._destroy_evacuated_instances} removes them when the host's compute service starts (the
 * migrations of type evacuation from this host in status accepted, pre-migrating or done; each local copy destroyed,
 * then the migration set to {@code completed}).
 *
 * <p>The guests are the journal's ({@link EvacuationJournal#evacuatedFrom}), not the host's listing: a domain there
 * that no evacuation rebuilt is never touched. Each copy is destroyed with {@code destroy_disks=False}: the disk is
 * the one the rebuilt guest runs from (Nova decides the same for RBD, whose storage it takes as shared), so an
 * RBD image is never deleted. Only when no stale copy is left is the host unfenced, when asked: a fenced QEMU that
 * still ran must be gone before it could write again.
 */
public final class EvacuatedHostCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(EvacuatedHostCleanup.class);

    private final EvacuationJournal journal;
    private final EvacuationStorage storage;

    public EvacuatedHostCleanup(EvacuationJournal journal, EvacuationStorage storage) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    /**
     * One evacuated guest's copy on the old host.
     *
     * @param uuid        the instance's uuid
     * @param name        its domain name
     * @param rebuiltOn   where the evacuation rebuilt it
     * @param destroyed   whether a copy was found and destroyed (false: none was left)
     * @param error       why its copy could not be destroyed (it stays journaled as done), else null
     */
    public record Cleaned(String uuid, String name, String rebuiltOn, boolean destroyed, String error) {
    }

    /**
     * What the cleanup did.
     *
     * @param host            the old host
     * @param guests          every evacuated guest of the host, in the journal's order
     * @param unfenceEntries  the fence entries removed (empty when not asked, or when a copy is left)
     */
    public record Report(String host, List<Cleaned> guests, List<String> unfenceEntries) {
        public Report {
            guests = List.copyOf(guests);
            unfenceEntries = List.copyOf(unfenceEntries);
        }

        /** No stale copy is left on the host. */
        public boolean clean() {
            return guests.stream().allMatch(g -> g.error() == null);
        }
    }

    /**
     * Mirrors {@code ComputeManager._destroy_evacuated_instances}: destroys the old host's copies of its evacuated
     * guests (definitions and, as the driver's cleanup plan says, the instance dirs; never disks), journals each as
     * {@code completed}, then unfences the host when asked and clean.
     *
     * @param oldHost the returned host's driver
     * @param unfence lift the host's fence once no stale copy is left
     */
    public Report cleanupEvacuated(ComputeDriver oldHost, boolean unfence) {
        String host = oldHost.host();
        List<Cleaned> cleaned = new ArrayList<>();
        for (EvacuationRecord attempt : journal.evacuatedFrom(host)) {
            Instance instance = attempt.instance();
            try {
                boolean found = oldHost.instanceExists(instance);
                if (found) {
                    LOG.info("{} came back: destroying its stale copy of {} (rebuilt on {}), disks kept", host,
                            instance.uuid(), attempt.destination());
                    oldHost.destroy(instance, NetworkInfo.none(), BlockDeviceInfo.none(), false, false);
                }
                journal.cleaned(attempt);
                cleaned.add(new Cleaned(instance.uuid(), instance.name(), attempt.destination(), found, null));
            } catch (NovaException e) {
                LOG.warn("{}: the stale copy of {} could not be destroyed: {}", host, instance.uuid(),
                        e.getMessage());
                cleaned.add(new Cleaned(instance.uuid(), instance.name(), attempt.destination(), false,
                        e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        boolean clean = cleaned.stream().allMatch(c -> c.error() == null);
        List<String> removed = unfence && clean ? storage.unfence(host) : List.of();
        return new Report(host, cleaned, removed);
    }
}
