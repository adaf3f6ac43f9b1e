package dev.novalibvirt.cli.conformance;

import java.util.Optional;

/**
 * The skip of a check that needs a host's libvirtd itself (a secret's value, the domain XML, the libvirt versions)
 * when the run reaches that host through its agent and the config gives no libvirt URI for it: the agent's RPC API
 * (Nova's compute rpcapi and recovery's look) has no such method, so the check is reported skipped with that
 * reason, never passed.
 */
final class LibvirtOnly {
    /** The detail every such skip starts with. */
    static final String NEEDS_URI = "needs the host's libvirt URI";

    private LibvirtOnly() {
    }

    /** Empty when {@code host} has a libvirt URI; else {@code check}'s skipped row naming what the agent lacks. */
    static Optional<CheckResult> skipUnlessUri(Check check, SiteHost host, String what) {
        if (host.hasLibvirtUri()) {
            return Optional.empty();
        }
        return Optional.of(check.skip(NEEDS_URI + ": " + host.name() + " is reached through its agent, whose RPC "
                + "API offers no " + what + " (give [" + host.role() + "] uri as well to run this check)"));
    }
}
