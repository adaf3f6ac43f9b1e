package dev.novalibvirt.migration.drain;

import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.exception.InvalidMigrationState;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.migration.logging.MigrationMdc;
import dev.novalibvirt.migration.task.LiveMigrationHandle;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drain's own thread: takes the guests in the order given and starts each one as soon as the slots allow
 * (strict FIFO: a guest waiting for a slot holds back the ones after it), and the abort that stops it.
 */
final class DrainRun {
    private static final Logger LOG = LoggerFactory.getLogger(DrainRun.class);

    private final ComputeDriver source;
    private final Map<String, ComputeDriver> destinations;
    private final DestinationChooser chooser;
    private final MigrationSlots slots;
    private final Function<ComputeDriver, LiveMigrationTask> tasks;
    private final Clock clock;
    private final List<GuestEntry> entries;
    private final Map<String, Integer> placed = new HashMap<>();
    private final CompletableFuture<DrainResult> done = new CompletableFuture<>();
    private final Instant started;
    private volatile boolean aborted;

    DrainRun(ComputeDriver source, Map<String, ComputeDriver> destinations, DestinationChooser chooser,
             MigrationSlots slots, Function<ComputeDriver, LiveMigrationTask> tasks, Clock clock,
             List<DrainGuest> guests) {
        this.source = source;
        this.destinations = destinations;
        this.chooser = chooser;
        this.slots = slots;
        this.tasks = tasks;
        this.clock = clock;
        this.entries = guests.stream().map(GuestEntry::new).toList();
        this.started = clock.instant();
    }

    CompletableFuture<DrainResult> done() {
        return done;
    }

    DrainProgress progress() {
        return DrainProgress.of(entries.stream().map(GuestEntry::progress).toList());
    }

    /** The drain thread's body: dispatch every guest, then complete {@link #done} once each has its end. */
    void run() {
        try {
            for (GuestEntry entry : entries) {
                dispatch(entry);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
        } finally {
            // an entry abort() has not finished yet is running, and finishes through its task's future
            CompletableFuture.allOf(entries.stream().map(GuestEntry::end).toArray(CompletableFuture[]::new))
                    .thenRun(() -> done.complete(new DrainResult(source.host(),
                            entries.stream().map(e -> e.end().join()).toList(), aborted,
                            Duration.between(started, clock.instant()))));
        }
    }

    private void dispatch(GuestEntry entry) throws InterruptedException {
        DrainGuest guest = entry.guest();
        MigrationSlots.Reservation r = slots.reserve(source.host(), List.copyOf(destinations.keySet()),
                withRoom -> choose(guest, withRoom), () -> aborted);
        if (r.stopped()) {
            entry.abort(skipReason());
            return;
        }
        if (r.destination() == null) {
            LOG.warn("drain of {}: guest {} refused: {}", source.host(), guest.uuid(), r.noneFits());
            entry.finish(new GuestOutcome.Refused(new MigrationPreCheckError(
                    "live migration of " + guest.uuid() + " off " + source.host() + ": " + r.noneFits())));
            return;
        }
        String dest = r.destination();
        if (!entry.begin(dest)) {
            slots.release(source.host(), dest);
            return;
        }
        placed.merge(dest, 1, Integer::sum);
        start(entry, dest);
    }

    private Optional<String> choose(DrainGuest guest, List<String> withRoom) {
        List<DestinationLoad> loads = new ArrayList<>();
        for (String host : withRoom) {
            loads.add(new DestinationLoad(host, slots.inbound(host), placed.getOrDefault(host, 0)));
        }
        try {
            return chooser.choose(guest.instance(), List.copyOf(loads));
        } catch (RuntimeException e) {
            // the embedder's chooser failing refuses this guest, not the drain
            LOG.warn("drain of {}: destination chooser failed for {}: {}", source.host(), guest.uuid(), e.toString());
            return Optional.empty();
        }
    }

    private void start(GuestEntry entry, String dest) {
        DrainGuest guest = entry.guest();
        LiveMigrationHandle handle;
        try {
            LOG.info("drain of {}: live-migrating {} to {}", source.host(), guest.uuid(), dest);
            handle = tasks.apply(destinations.get(dest)).start(guest.instance(), guest.networkInfo(),
                    guest.blockDeviceInfo());
        } catch (RuntimeException e) {
            slots.release(source.host(), dest);
            entry.finish(new GuestOutcome.Refused(asNova(e)));
            return;
        }
        handle.future().whenComplete((result, error) -> {
            slots.release(source.host(), dest);
            entry.finish(outcome(result, error));
        });
        if (entry.attach(handle)) {
            abortQuietly(guest, handle);
        }
    }

    private static GuestOutcome outcome(LiveMigrationResult result, Throwable error) {
        if (error == null) {
            return new GuestOutcome.Migrated(result);
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return new GuestOutcome.Refused(asNova(cause));
    }

    private static NovaException asNova(Throwable t) {
        return t instanceof NovaException n ? n : new NovaException("live migration task failed: " + t, t);
    }

    /**
     * Aborts the drain: queued guests are skipped (never started), running ones get Nova's
     * {@code live_migration_abort} through their handles, on the caller's thread.
     */
    void abort() {
        aborted = true;
        slots.wakeAll();
        List<GuestEntry> running = new ArrayList<>();
        List<LiveMigrationHandle> handles = new ArrayList<>();
        for (GuestEntry e : entries) {
            LiveMigrationHandle h = e.abort(skipReason());
            if (h != null) {
                running.add(e);
                handles.add(h);
            }
        }
        for (int i = 0; i < handles.size(); i++) {
            abortQuietly(running.get(i).guest(), handles.get(i));
        }
    }

    private String skipReason() {
        return "the drain of " + source.host() + " was aborted before this guest started";
    }

    private void abortQuietly(DrainGuest guest, LiveMigrationHandle handle) {
        try {
            handle.abort();
        } catch (InvalidMigrationState e) {
            // already past its job (post or rollback steps run): it ends as it ends
            MigrationMdc.run(guest.uuid(), handle.migrationId(),
                    () -> LOG.info("drain abort: migration already finishing: {}", e.getMessage()));
        } catch (NovaException e) {
            MigrationMdc.run(guest.uuid(), handle.migrationId(),
                    () -> LOG.warn("drain abort: the migration could not be aborted: {}", e.getMessage()));
        }
    }
}
