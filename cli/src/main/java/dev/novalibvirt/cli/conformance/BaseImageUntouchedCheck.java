package dev.novalibvirt.cli.conformance;

import dev.novalibvirt.cli.conformance.ConformanceSite.BaseImageState;
import java.util.List;

/** The base image is as it was before the run: same size, same snapshots (the guest's disk was a clone). */
final class BaseImageUntouchedCheck implements Check {
    @Override
    public String id() {
        return "base_image_untouched";
    }

    @Override
    public CheckResult.Kind kind() {
        return CheckResult.Kind.CONTRACT;
    }

    @Override
    public String proves() {
        return "the Glance image is never written: spawn clones it, destroy removes only the clone";
    }

    @Override
    public List<CheckResult> run(CheckContext context) {
        if (context.baseBefore().isEmpty()) {
            return List.of(skip("the base image was not found before the run"));
        }
        BaseImageState before = context.baseBefore().get();
        BaseImageState now = context.site().baseImage();
        return List.of(verdict(now.equals(before), now.equals(before) ? "unchanged: " + now.size()
                + " bytes, snapshots " + now.snapshots() : "was " + before + ", now " + now));
    }
}
