package dev.novalibvirt.cli.progress;

import dev.novalibvirt.migration.monitor.MigrationEvent;

/**
 * What the progress line shows at one moment of a migration. A size or rate below zero is unknown.
 *
 * @param label          what moves (the domain name)
 * @param percent        Nova's progress percent (0-100), below zero when unknown
 * @param processed      bytes of memory transferred
 * @param total          bytes of memory in all
 * @param remaining      bytes of memory left
 * @param dirtyPerSecond the guest's dirty rate, bytes/s
 * @param etaSeconds     the monitor's estimate of the time left
 * @param postCopy       the migration switched to post-copy
 */
public record ProgressSnapshot(String label, int percent, long processed, long total, long remaining,
                               long dirtyPerSecond, double etaSeconds, boolean postCopy) {

    /** The snapshot of one monitor {@link MigrationEvent.Progress} event. */
    public static ProgressSnapshot of(MigrationEvent.Progress p) {
        return new ProgressSnapshot(p.domain(), p.percent(), p.memoryProcessed(), p.memoryTotal(),
                p.memoryRemaining(), p.dirtyBytesPerSec(), p.etaSeconds(), p.postCopy());
    }

    /** The percent to show: Nova's, else derived from the sizes, else unknown (-1). */
    public int shownPercent() {
        if (percent >= 0) {
            return Math.min(100, percent);
        }
        if (total > 0 && processed >= 0) {
            return (int) Math.min(100, processed * 100 / total);
        }
        return -1;
    }
}
