package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.exception.InstanceNotFound;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ends of a migration on each host; RBD disks are never deleted by a migration's cleanup. */
class PostAndRollbackTest {
    private static final Instance INSTANCE = StepFixture.instance();

    @TempDir
    Path instances;

    @Test
    void aRollbackAtTheDestinationRemovesTheHalfArrivedDomainAndTheDirButNotTheRbdDisks() {
        StepFixture b = new StepFixture("host-b", instances, "");
        FakeGuest arrived = b.withRunningGuest();
        b.ctx.dirs().createDestinationDir(INSTANCE.uuid());
        LibvirtLiveMigrateData md = LibvirtLiveMigrateData.builder().imageType("rbd").isSharedInstancePath(false)
                .isSharedBlockStorage(true).instanceRelativePath(INSTANCE.uuid()).build();
        new PostAndRollback(b.ctx).rollbackAtDestination(INSTANCE, true, md);
        assertThat(arrived.calls()).containsExactly("poweroff", "undefine");
        assertThat(b.ctx.dirs().exists(INSTANCE.uuid())).isFalse();
        assertThat(b.backend.cleanedUp).isEmpty();
    }

    @Test
    void aRollbackWithASharedInstancesPathLeavesTheDirToTheSource() {
        StepFixture b = new StepFixture("host-b", instances, "");
        b.ctx.dirs().createDestinationDir(INSTANCE.uuid());
        LibvirtLiveMigrateData md = LibvirtLiveMigrateData.builder().imageType("rbd").isSharedInstancePath(true)
                .isSharedBlockStorage(true).build();
        new PostAndRollback(b.ctx).rollbackAtDestination(INSTANCE, false, md);
        assertThat(b.ctx.dirs().exists(INSTANCE.uuid())).isTrue();
    }

    @Test
    void aGuestThatArrivedAndThenStoppedStillBelongsToTheDestination() {
        // Nova's post_live_migration_at_destination only looks the guest up; it does not check its power state
        StepFixture b = new StepFixture("host-b", instances, "");
        FakeGuest arrived = b.withRunningGuest();
        PostAndRollback post = new PostAndRollback(b.ctx);
        arrived.poweroff();
        post.postAtDestination(INSTANCE);
        assertThat(b.ctx.host().findGuest(INSTANCE.name())).as("still defined here").isPresent();
    }

    @Test
    void aGuestThatNeverArrivedIsNotFound() {
        StepFixture b = new StepFixture("host-b", instances, "");
        assertThatThrownBy(() -> new PostAndRollback(b.ctx).postAtDestination(INSTANCE))
                .isInstanceOf(InstanceNotFound.class);
    }
}
