package dev.novalibvirt.migration.evacuate;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.ImageMeta;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.exception.ComputeServiceInUse;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.migration.drain.DestinationChooser;
import dev.novalibvirt.migration.drain.DestinationLoad;
import dev.novalibvirt.migration.task.journal.MigrationJournal;
import dev.novalibvirt.migration.uri.MigrationUris;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Evacuates a dead host: fences it, then rebuilds each of its guests on one of the destinations from the same shared
 * disk (no copy), one after the other, and reports each guest's end ({@link EvacuationResult}).
 *
 * <p>Mirrors Nova's evacuate ({@code nova evacuate SERVER [HOST]}, {@code nova host-evacuate HOST}): the API refuses
 * while the source's compute service is up ({@code ComputeServiceInUse}); here the source must be fenced (its
 * storage clients blocklisted), or the evacuation fences it first when told to ({@link Builder#fence}), since a host
 * that only looks dead may still run its guests' QEMU. Then per guest {@code ComputeManager.rebuild_instance} with
 * {@code evacuate=True} on the destination ({@link GuestRebuild}): on shared storage the disk is reused and
 * {@code driver.spawn} boots it. Before that, the storage port checks the disk (RBD: {@code DiskGuard} with
 * {@code StartPurpose.EVACUATE}: refused while a live, unfenced client holds it; a missing disk is refused, never
 * made anew). When the old host comes back, {@link EvacuatedHostCleanup#cleanupEvacuated} removes its stale copies
 * as Nova's {@code _destroy_evacuated_instances} does at the host's start.
 *
 * <p>Each attempt is journaled ({@link EvacuationJournal}) before anything is done. Running the same evacuation
 * again with the same journal resumes it: a guest the journal shows rebuilt is not touched again; one whose rebuild
 * began and never ended goes back to that destination (when this run has it), where a running domain is taken as
 * rebuilt and a half-made one is removed (definition only) and rebuilt. A destination is picked per guest by a drain's
 * {@link DestinationChooser} (by default the one this evacuation has sent the fewest guests to). One guest's
 * refusal or failure never stops the others.
 */
public final class HostEvacuation {
    private final String source;
    private final EvacuationStorage storage;
    private final Map<String, ComputeDriver> destinations;
    private final List<EvacuationGuest> guests;
    private final DestinationChooser chooser;
    private final boolean fence;
    private final EvacuationJournal journal;
    private final EvacuationListener listener;
    private final Clock clock;

    private HostEvacuation(Builder b, Map<String, ComputeDriver> destinations) {
        this.source = b.source;
        this.storage = b.storage;
        this.destinations = destinations;
        this.guests = List.copyOf(b.guests);
        this.chooser = b.chooser;
        this.fence = b.fence;
        this.journal = b.journal != null ? b.journal : new EvacuationJournal(MigrationJournal.none(), b.clock);
        this.listener = b.listener;
        this.clock = b.clock;
    }

    /**
     * @param source  the dead host's name (as its compute service reported it: {@code [DEFAULT] host})
     * @param storage fencing and the disk check (rbd-libvirt's {@code RbdEvacuationStorage} for RBD)
     */
    public static Builder builder(String source, EvacuationStorage storage) {
        return new Builder(source, storage);
    }

    public String source() {
        return source;
    }

    public List<EvacuationGuest> guests() {
        return guests;
    }

    /**
     * Mirrors {@code compute.api.API.evacuate} and {@code ComputeManager.rebuild_instance} (with
     * {@code evacuate=True}) for every guest of the source: fences the source (or checks it is fenced), then rebuilds
     * every guest; returns when each has ended.
     *
     * @throws ComputeServiceInUse when the source is not fenced and the evacuation was not told to fence it: nothing
     *                             was done
     */
    public EvacuationResult run() {
        Instant start = clock.instant();
        boolean already = storage.isFenced(source);
        List<String> entries = List.of();
        if (!already) {
            if (!fence) {
                throw new ComputeServiceInUse("Compute service of " + source + " is still in use: its storage "
                        + "clients are not fenced, so its guests may still write their disks; fence it first (the "
                        + "evacuation's fence(true), the CLI's --fence or 'fence " + source + "')");
            }
            entries = storage.fence(source);
            journal.fenced(source, entries);
        }
        listener.on(new EvacuationEvent.Fenced(source, entries, already));
        GuestRebuild rebuild = new GuestRebuild(source, storage, journal, clock);
        Map<String, Integer> placed = new HashMap<>();
        List<GuestEvacuation> ends = new ArrayList<>();
        int total = guests.size();
        for (EvacuationGuest g : guests) {
            int index = ends.size() + 1;
            GuestEvacuation end = evacuate(g, rebuild, placed, index, total);
            ends.add(end);
            listener.on(new EvacuationEvent.Ended(end, index, total));
        }
        return new EvacuationResult(source, entries, already, ends, Duration.between(start, clock.instant()));
    }

    private GuestEvacuation evacuate(EvacuationGuest g, GuestRebuild rebuild, Map<String, Integer> placed, int index,
                                     int total) {
        Instance instance = g.instance();
        Optional<EvacuationRecord> prior = journal.latest(g.uuid(), source);
        if (prior.isPresent() && EvacuationRecord.DONE.equals(prior.get().status())) {
            String dest = prior.get().destination();
            return new GuestEvacuation(g.uuid(), instance.name(), dest,
                    new EvacuationOutcome.Rebuilt(dest, Duration.ZERO, true, List.of()));
        }
        Optional<String> resumeOn = prior.filter(EvacuationRecord::unfinished).map(EvacuationRecord::destination)
                .filter(destinations::containsKey);
        Optional<String> dest = resumeOn.isPresent() ? resumeOn : chooser.choose(instance, destinations.keySet()
                .stream().map(h -> new DestinationLoad(h, 0, placed.getOrDefault(h, 0))).toList());
        if (dest.isEmpty() || !destinations.containsKey(dest.get())) {
            return new GuestEvacuation(g.uuid(), instance.name(), null, new EvacuationOutcome.Refused(
                    new MigrationPreCheckError("evacuation of " + source + ": no destination fits instance "
                            + instance.uuid() + " (chooser answered " + dest.orElse("none") + ")")));
        }
        String host = dest.get();
        placed.merge(host, 1, Integer::sum);
        listener.on(new EvacuationEvent.Rebuilding(g.uuid(), instance.name(), host, index, total));
        return new GuestEvacuation(g.uuid(), instance.name(), host,
                rebuild.rebuild(g, destinations.get(host), resumeOn.isPresent()));
    }

    /** Builder of an evacuation; the source, the storage, at least one destination and the guests are required. */
    public static final class Builder {
        private static final String BUILDER = "HostEvacuation.builder(source, storage)";
        private final String source;
        private final EvacuationStorage storage;
        private final List<ComputeDriver> destinations = new ArrayList<>();
        private final List<EvacuationGuest> guests = new ArrayList<>();
        private DestinationChooser chooser = DestinationChooser.leastLoaded();
        private boolean fence;
        private EvacuationJournal journal;
        private EvacuationListener listener = EvacuationListener.NONE;
        private Clock clock = Clock.systemUTC();

        private Builder(String source, EvacuationStorage storage) {
            this.source = source;
            this.storage = storage;
        }

        /** A host the guests may be rebuilt on; call once per host. */
        public Builder destination(ComputeDriver value) {
            destinations.add(Objects.requireNonNull(value, "destination"));
            return this;
        }

        public Builder destinations(List<? extends ComputeDriver> values) {
            values.forEach(this::destination);
            return this;
        }

        /** A guest of the dead host; guests are rebuilt in the order added. */
        public Builder guest(Instance instance, ImageMeta imageMeta, NetworkInfo networkInfo,
                             BlockDeviceInfo blockDeviceInfo) {
            guests.add(new EvacuationGuest(instance, imageMeta, networkInfo, blockDeviceInfo));
            return this;
        }

        public Builder guests(List<EvacuationGuest> values) {
            values.forEach(g -> guests.add(Objects.requireNonNull(g, "guest")));
            return this;
        }

        /** Picks each guest's destination; the least loaded by default (inbound is always 0 here). */
        public Builder chooser(DestinationChooser value) {
            this.chooser = Objects.requireNonNull(value, "chooser");
            return this;
        }

        /** Fence the source first when it is not fenced yet; false (the default) refuses an unfenced source. */
        public Builder fence(boolean value) {
            this.fence = value;
            return this;
        }

        /** Where each attempt is recorded, and read back to resume; none by default. */
        public Builder journal(EvacuationJournal value) {
            this.journal = Objects.requireNonNull(value, "journal");
            return this;
        }

        public Builder listener(EvacuationListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /** The clock of the result's times (and of the journal when none is given). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @throws InvalidConfiguration when the storage or destinations are missing, a destination is the source or
         *         comes twice, or a guest comes twice
         * @throws dev.novalibvirt.core.exception.InvalidHostname when the source or a destination is not a plain
         *         host name
         */
        public HostEvacuation build() {
            String from = MigrationUris.requireValidHostname(source);
            if (storage == null) {
                throw InvalidConfiguration.missingPart(BUILDER, "storage",
                        "pass the fencing and disk check of the guests' storage (RbdEvacuationStorage for RBD)");
            }
            if (destinations.isEmpty()) {
                throw InvalidConfiguration.missingPart(BUILDER, "destination",
                        "call .destination(driver) for each host the guests may be rebuilt on");
            }
            Map<String, ComputeDriver> byHost = new LinkedHashMap<>();
            for (ComputeDriver d : destinations) {
                String host = MigrationUris.requireValidHostname(d.host());
                if (host.equals(from)) {
                    throw new InvalidConfiguration("evacuation of " + from + ": destination " + host
                            + " is the dead host itself");
                }
                if (byHost.putIfAbsent(host, d) != null) {
                    throw new InvalidConfiguration("evacuation of " + from + ": destination " + host
                            + " is given twice");
                }
            }
            Set<String> uuids = new HashSet<>();
            for (EvacuationGuest g : guests) {
                if (!uuids.add(g.uuid())) {
                    throw new InvalidConfiguration("evacuation of " + from + ": guest " + g.uuid()
                            + " is given twice");
                }
            }
            return new HostEvacuation(this, Collections.unmodifiableMap(byHost));
        }
    }
}
