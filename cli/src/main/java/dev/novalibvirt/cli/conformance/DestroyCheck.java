package dev.novalibvirt.cli.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * Nova's {@code destroy} of the run's guest with its disks ({@code destroy_disks=True}) on the host it runs on; when
 * an earlier check left it nowhere known, on both hosts.
 */
final class DestroyCheck implements Check {
    @Override
    public String id() {
        return "destroy";
    }

    @Override
    public CheckResult.Kind kind() {
        return CheckResult.Kind.CONTRACT;
    }

    @Override
    public String proves() {
        return "destroy (destroy_disks = True): the domain, its RBD disk and its instance dir removed";
    }

    @Override
    public List<CheckResult> run(CheckContext context) {
        if (!context.createdSomething()) {
            return List.of(skip("nothing was spawned"));
        }
        List<SiteHost> hosts = context.guestOn().map(List::of).orElse(context.config().hosts());
        List<String> done = new ArrayList<>();
        for (SiteHost h : hosts) {
            context.site().destroy(h, context.guest());
            done.add(h.name());
        }
        context.destroyed();
        return List.of(verdict(true, context.guest().name() + " destroyed on " + String.join(" and ", done)));
    }
}
