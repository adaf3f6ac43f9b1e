package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.core.exception.StorageError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A change made in steps is taken back newest first, and a failing undo neither hides the error nor stops the rest. */
class UndoStackTest {
    private final List<String> undone = new ArrayList<>();

    @Test
    void whatWasDoneIsUndoneNewestFirstAndTheFirstErrorIsReturned() {
        UndoStack undo = new UndoStack("pre_live_migration");
        undo.push("secret", () -> undone.add("secret"));
        undo.push("dir", () -> undone.add("dir"));
        undo.push("volume", () -> undone.add("volume"));
        NovaException failure = new NovaException("connecting volume 2 failed");

        assertThat(undo.undoAll(failure)).isSameAs(failure);
        assertThat(undone).containsExactly("volume", "dir", "secret");
        assertThat(failure.getSuppressed()).isEmpty();
    }

    @Test
    void aFailingUndoIsAttachedToTheErrorAndTheOlderStepsAreStillUndone() {
        UndoStack undo = new UndoStack("spawn");
        undo.push("instance dir removal", () -> undone.add("dir"));
        undo.push("poweroff", () -> {
            throw new StorageError("poweroff failed");
        });
        NovaException failure = new NovaException("launch failed");

        undo.undoAll(failure);

        assertThat(undone).containsExactly("dir");
        assertThat(failure.getSuppressed()).singleElement().extracting(Throwable::getMessage).asString()
                .contains("poweroff failed");
    }

    @Test
    void eachUndoRunsOnce() {
        UndoStack undo = new UndoStack("spawn");
        undo.push("dir", () -> undone.add("dir"));
        undo.undoAll(new NovaException("first"));
        undo.undoAll(new NovaException("second"));
        assertThat(undone).containsExactly("dir");
    }
}
