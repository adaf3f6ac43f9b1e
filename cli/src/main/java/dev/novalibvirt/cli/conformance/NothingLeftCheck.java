package dev.novalibvirt.cli.conformance;

import java.util.List;

/** Nothing the run created is left: no domain of its guest on either host, no RBD image of it, no instance dir. */
final class NothingLeftCheck implements Check {
    @Override
    public String id() {
        return "nothing_left";
    }

    @Override
    public CheckResult.Kind kind() {
        return CheckResult.Kind.CONTRACT;
    }

    @Override
    public String proves() {
        return "the run's own guest only: everything it created is removed (domains, RBD images, instance dirs)";
    }

    @Override
    public List<CheckResult> run(CheckContext context) {
        List<String> left = context.site().leftovers(context.guest());
        if (left.isEmpty()) {
            context.clean();
        }
        return List.of(verdict(left.isEmpty(), left.isEmpty() ? "nothing of " + context.guest().uuid()
                + " on " + context.config().host1().name() + ", " + context.config().host2().name() + " or in "
                + context.config().pool() : "left: " + String.join(", ", left)));
    }
}
