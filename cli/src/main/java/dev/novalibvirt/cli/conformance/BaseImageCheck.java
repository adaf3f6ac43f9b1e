package dev.novalibvirt.cli.conformance;

import dev.novalibvirt.cli.conformance.ConformanceSite.BaseImageState;
import java.util.List;

/** The Glance base image and its snapshot exist in the images pool; what they are now is kept for the last check. */
final class BaseImageCheck implements Check {
    @Override
    public String id() {
        return "base_image";
    }

    @Override
    public CheckResult.Kind kind() {
        return CheckResult.Kind.SITE;
    }

    @Override
    public String proves() {
        return "spawn's clone source: the Glance image in RBD (images_pool/<id>@snap)";
    }

    @Override
    public List<CheckResult> run(CheckContext context) {
        SiteConfig c = context.config();
        String name = c.imagesPool() + "/" + c.imageId() + "@" + c.imageSnap();
        BaseImageState state = context.site().baseImage();
        if (!state.exists()) {
            return List.of(verdict(false, name + " does not exist (as client." + c.user() + ")"));
        }
        context.baseBefore(state);
        return List.of(verdict(true, name + ": " + state.size() + " bytes, snapshots " + state.snapshots()));
    }
}
