package dev.novalibvirt.cli.conformance;

import java.util.List;

/** Nova's {@code spawn} of the run's guest on host1, its root disk cloned from the base image. */
final class SpawnCheck implements Check {
    @Override
    public String id() {
        return "spawn";
    }

    @Override
    public CheckResult.Kind kind() {
        return CheckResult.Kind.CONTRACT;
    }

    @Override
    public String proves() {
        return "spawn (images_type = rbd: the root disk a clone of the Glance image)";
    }

    @Override
    public List<CheckResult> run(CheckContext context) {
        SiteHost host = context.config().host1();
        if (context.baseBefore().isEmpty()) {
            return List.of(skip("no base image to clone (base_image failed)"));
        }
        context.spawnAttempted();
        context.site().spawn(host, context.guest());
        boolean runs = context.site().runs(host, context.guest());
        if (runs) {
            context.guestOn(host);
        }
        return List.of(verdict(runs, context.guest().name() + " (" + context.guest().uuid() + ") "
                + (runs ? "runs on " : "was spawned but does not run on ") + host.name()));
    }
}
