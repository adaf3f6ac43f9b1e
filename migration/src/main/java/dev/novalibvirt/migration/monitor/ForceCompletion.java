package dev.novalibvirt.migration.monitor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's force-complete machinery: Nova's {@code migration.run_tasks} (post-copy switch, else pause),
 * {@code trigger_postcopy_switch} and {@code run_recover_tasks} (resume a guest we paused). Split from
 * {@link LiveMigrationMonitor} so that the loop itself stays readable; called on the monitor's thread, except
 * {@link #request()}.
 */
final class ForceCompletion {
    private static final Logger LOG = LoggerFactory.getLogger(ForceCompletion.class);
    static final String TASK_FORCE_COMPLETE = "force-complete";
    static final String RECOVER_UNPAUSE = "unpause";

    private final MigrationGuest guest;
    private final MigrationFeatures features;
    /** Emits an event built from the monitor's elapsed milliseconds. */
    private final Consumer<LongFunction<MigrationEvent>> emit;
    private final Queue<String> tasks = new ConcurrentLinkedQueue<>();
    private final Deque<String> recoverTasks = new ArrayDeque<>();
    private volatile boolean postCopy;

    ForceCompletion(MigrationGuest guest, MigrationFeatures features, Consumer<LongFunction<MigrationEvent>> emit) {
        this.guest = guest;
        this.features = features;
        this.emit = emit;
    }

    /** Queues a force-complete for the next pass; any thread. */
    void request() {
        tasks.add(TASK_FORCE_COMPLETE);
    }

    boolean isPostCopy() {
        return postCopy;
    }

    /**
     * Nova's {@code migration.run_tasks}, once QEMU's transfer has begun ({@code info} counts memory or data to
     * send). libvirt reports the job as running from its Begin phase on, before its Prepare phase on the
     * destination; a guest paused then makes libvirt start the destination paused ({@code VIR_MIGRATE_PAUSED}), and
     * the migration would end with the guest paused there. Until then the request stays queued.
     */
    void runTasks(JobInfo info) {
        if (info.memoryTotal() <= 0 && info.dataTotal() <= 0 && !tasks.isEmpty()) {
            LOG.debug("{}: force-complete waits until QEMU's transfer has begun", guest.name());
            return;
        }
        String task;
        while ((task = tasks.poll()) != null) {
            if (TASK_FORCE_COMPLETE.equals(task)) {
                forceComplete("force-complete requested");
            } else {
                LOG.warn("{}: unknown migration task {}", guest.name(), task);
            }
        }
    }

    void forceComplete(String why) {
        if (postCopy) {
            LOG.warn("{}: force-complete ignored: already in post-copy", guest.name());
            return;
        }
        if (features.postCopy()) {
            switchToPostCopy(why);
            return;
        }
        try {
            guest.pause();
            recoverTasks.add(RECOVER_UNPAUSE);
            LOG.info("{}: guest paused to let the migration complete ({})", guest.name(), why);
            emit.accept(ms -> new MigrationEvent.Paused(guest.name(), ms, why));
        } catch (MigrationGuestException e) {
            LOG.warn("{}: failed to pause the guest during live migration: {}", guest.name(), e.getMessage());
        }
    }

    /** Nova's {@code migration.trigger_postcopy_switch}. */
    void switchToPostCopy(String why) {
        try {
            guest.startPostCopy();
            postCopy = true;
            LOG.info("{}: switched to post-copy ({})", guest.name(), why);
            emit.accept(ms -> new MigrationEvent.PostCopySwitched(guest.name(), ms, why));
        } catch (MigrationGuestException e) {
            LOG.warn("{}: failed to switch to post-copy: {}", guest.name(), e.getMessage());
        }
    }

    /** Nova's {@code migration.run_recover_tasks}: resume a guest we paused. */
    void runRecoverTasks() {
        String task;
        while ((task = recoverTasks.poll()) != null) {
            if (!RECOVER_UNPAUSE.equals(task)) {
                continue;
            }
            try {
                if (guest.state() == GuestState.PAUSED) {
                    guest.resume();
                    LOG.info("{}: guest resumed after the failed migration", guest.name());
                }
            } catch (MigrationGuestException e) {
                LOG.warn("{}: failed to resume the guest after the failed migration: {}", guest.name(), e.getMessage());
            }
        }
    }
}
