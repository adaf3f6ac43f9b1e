package dev.novalibvirt.migration.drain;

import dev.novalibvirt.migration.task.LiveMigrationHandle;
import java.util.concurrent.CompletableFuture;

/** One guest's state inside a running drain, shared by the drain's thread, the tasks' threads and abort's caller. */
final class GuestEntry {
    private final DrainGuest guest;
    private final CompletableFuture<GuestResult> end = new CompletableFuture<>();
    private GuestState state = GuestState.QUEUED;
    private String destination;
    private LiveMigrationHandle handle;
    private boolean abortRequested;

    GuestEntry(DrainGuest guest) {
        this.guest = guest;
    }

    DrainGuest guest() {
        return guest;
    }

    CompletableFuture<GuestResult> end() {
        return end;
    }

    /** Queued -> migrating towards {@code dest}; false when abort skipped it meanwhile. */
    synchronized boolean begin(String dest) {
        if (state != GuestState.QUEUED) {
            return false;
        }
        state = GuestState.MIGRATING;
        destination = dest;
        return true;
    }

    /** The task has started; true when an abort arrived between {@link #begin} and now (the caller aborts it). */
    synchronized boolean attach(LiveMigrationHandle h) {
        if (state == GuestState.MIGRATING) { // not when the task has ended already
            handle = h;
        }
        return abortRequested && state == GuestState.MIGRATING;
    }

    /**
     * The drain is being aborted: a queued guest is skipped at once; a running one's handle is returned for the
     * caller to abort (null when it has none yet: {@link #attach} will say so).
     */
    synchronized LiveMigrationHandle abort(String reason) {
        abortRequested = true;
        if (state == GuestState.QUEUED) {
            finish(new GuestOutcome.Skipped(reason));
            return null;
        }
        return state == GuestState.MIGRATING ? handle : null;
    }

    /** The guest's final outcome; a second call is ignored. */
    synchronized void finish(GuestOutcome outcome) {
        if (state.isFinal()) {
            return;
        }
        state = outcome.state();
        handle = null;
        end.complete(new GuestResult(guest.uuid(), destination, outcome));
    }

    synchronized GuestProgress progress() {
        return new GuestProgress(guest.uuid(), state, destination, handle == null ? null : handle.progress());
    }
}
