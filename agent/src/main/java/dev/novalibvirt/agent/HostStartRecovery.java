package dev.novalibvirt.agent;

import dev.novalibvirt.core.validation.Checks;
import dev.novalibvirt.migration.task.truth.DomainPresence;
import dev.novalibvirt.migration.task.truth.HostProbe;
import dev.novalibvirt.migration.task.truth.HostView;
import dev.novalibvirt.migration.task.truth.InstanceDir;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a restarted agent settles on its own host before it serves, as Nova's {@code ComputeManager.init_host} does
 * before nova-compute consumes ({@code _init_instance} for MIGRATING, {@code _cleanup_incomplete_migrations},
 * {@code _destroy_evacuated_instances}), limited to what this host alone can prove. Every action and every
 * leftover it does not touch is logged. It never deletes an RBD image, a volume, a libvirt secret (the cephx secret
 * serves every guest of the host) or a domain.
 *
 * <ul>
 *   <li><b>Done alone:</b> an instance dir removal that a crash interrupted ({@code <uuid>_del}, the rename of
 *       Nova's {@code delete_instance_files} had happened, the delete had not) is finished, once the dir has been
 *       untouched for {@value #DEL_GUARD_MINUTES} minutes (a removal under way on a shared instances_path changes
 *       it). An incoming record whose dir and domain are both gone is dropped: nothing of it is left here.</li>
 *   <li><b>Left to the controller's {@code recover()}:</b> a dir {@code pre_live_migration} prepared here with no
 *       domain and no job. Removing it alone is not safe: the source's driver may still be waiting for a
 *       {@code max_concurrent_live_migrations} slot before it starts the job, for as long as the migrations ahead
 *       take, and the incoming QEMU needs the dir; only the controller's journal says whether the migration is
 *       over. The controller's rollback ({@code rollback_live_migration_at_destination}) removes it. A domain that
 *       arrived here, or whose incoming job still runs, is the controller's too: whether the source still has its
 *       copy is the other host's truth.</li>
 * </ul>
 * Where this does better than Nova: {@code _init_instance} resets a MIGRATING task state and leaves the prepared
 * destination's dir for good when the instance stays on the source; here every leftover this host prepared is
 * named at each start until the controller settles it.
 */
final class HostStartRecovery implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(HostStartRecovery.class);
    static final int DEL_GUARD_MINUTES = 10;
    private static final Pattern DEL_DIR = Pattern.compile(Checks.UUID.pattern() + "_del");

    /**
     * What one start did.
     *
     * @param delDirsRemoved  interrupted removals finished
     * @param recordsDropped  incoming records with nothing left of them
     * @param leftToRecover   leftovers named for the controller's recover()
     */
    record Summary(int delDirsRemoved, int recordsDropped, int leftToRecover) {
    }

    private final String host;
    private final HostProbe probe;
    private final IncomingLedger ledger;
    private final Path instancesPath;
    private final Clock clock;

    HostStartRecovery(String host, HostProbe probe, IncomingLedger ledger, Path instancesPath, Clock clock) {
        this.host = host;
        this.probe = probe;
        this.ledger = ledger;
        this.instancesPath = instancesPath;
        this.clock = clock;
    }

    @Override
    public void run() {
        Summary s = recover();
        LOG.info("start-up recovery of {}: {} interrupted dir removal(s) finished, {} settled record(s) dropped, "
                + "{} leftover(s) left for the controller's recover()", host, s.delDirsRemoved(), s.recordsDropped(),
                s.leftToRecover());
    }

    Summary recover() {
        int removed = finishInterruptedRemovals();
        int dropped = 0;
        int left = 0;
        for (IncomingLedger.Entry e : ledger.entries()) {
            HostView v = probe.view(e.instance());
            String what = "incoming migration of " + e.instance().uuid() + " (" + e.instance().name() + "), prepared "
                    + e.preparedAt() + (e.dirCreated() ? " with its instance dir" : "");
            if (!v.reachable()) {
                LOG.warn("{} on {}: libvirt cannot be asked ({}); left as it is", what, host, v.detail());
                left++;
            } else if (v.presence() == DomainPresence.ABSENT && !v.jobActive()
                    && v.instanceDir() == InstanceDir.ABSENT) {
                ledger.settled(e.instance().uuid());
                LOG.info("{} on {}: no domain, no job, no dir left; record dropped", what, host);
                dropped++;
            } else if (v.presence() == DomainPresence.ABSENT && !v.jobActive()) {
                LOG.warn("{} on {}: no domain arrived and no job runs, the dir is {}; left for the controller's "
                        + "recover() (its rollback_live_migration_at_destination removes the dir): the source may "
                        + "still be waiting for a migration slot", what, host, v.instanceDir());
                left++;
            } else {
                LOG.info("{}: {}; its end is the controller's recover()", what, v.summary());
                left++;
            }
        }
        return new Summary(removed, dropped, left);
    }

    /** Finishes {@code <uuid>_del} dirs untouched for the guard time; returns how many went. */
    private int finishInterruptedRemovals() {
        if (!Files.isDirectory(instancesPath)) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(Duration.ofMinutes(DEL_GUARD_MINUTES));
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(instancesPath)) {
            for (Path p : entries) {
                if (!DEL_DIR.matcher(p.getFileName().toString()).matches()
                        || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Instant touched = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
                if (touched.isAfter(cutoff)) {
                    LOG.info("{} on {}: touched at {}, perhaps a removal under way; left for now", p, host, touched);
                    continue;
                }
                deleteTree(p);
                LOG.info("{} on {}: finished an instance dir removal a crash interrupted", p, host);
                removed++;
            }
        } catch (IOException e) {
            LOG.warn("start-up recovery of {}: cannot finish the interrupted removals in {}: {}", host,
                    instancesPath, e.getMessage());
        }
        return removed;
    }

    private static void deleteTree(Path root) throws IOException {
        // walk does not follow links: a link inside is removed, never what it points to
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
