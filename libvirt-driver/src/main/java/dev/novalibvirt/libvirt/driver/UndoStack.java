package dev.novalibvirt.libvirt.driver;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The undo steps of a change made in several steps (spawn, pre_live_migration): each step that changed something
 * pushes how to take it back, and when a later step fails {@link #undoAll} runs them newest first. Each undo runs
 * on its own: one that fails is logged and attached to the first error as suppressed, so it neither hides that error
 * nor keeps the older steps from being undone (issue 11).
 */
final class UndoStack {
    private static final Logger LOG = LoggerFactory.getLogger(UndoStack.class);

    private record Undo(String what, Runnable step) {
    }

    private final String during;
    private final Deque<Undo> undos = new ArrayDeque<>();

    /** @param during what the change is, for the log ({@code "spawn"}, {@code "pre_live_migration"}) */
    UndoStack(String during) {
        this.during = during;
    }

    /** Remembers how to undo a step that has just changed something; {@code what} names it in the log. */
    void push(String what, Runnable undo) {
        undos.push(new Undo(what, undo));
    }

    /** Runs every undo pushed, newest first, and returns {@code cause} (to be thrown) with their failures attached. */
    <E extends RuntimeException> E undoAll(E cause) {
        while (!undos.isEmpty()) {
            Undo u = undos.pop();
            try {
                u.step().run();
            } catch (RuntimeException e) {
                LOG.warn("{} undo: {} failed: {}", during, u.what(), e.getMessage());
                cause.addSuppressed(e);
            }
        }
        return cause;
    }
}
