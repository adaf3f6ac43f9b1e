package dev.novalibvirt.cli.conformance;

import dev.novalibvirt.cli.conformance.ConformanceSite.AgentFacts;
import java.util.List;

/**
 * The host's agent answers on the config's broker as the host it is named (server {@code name} of topic
 * {@code compute}): Nova's {@code get_available_resource} through {@code RemoteComputeDriver}; the hypervisor and
 * its version go into the report.
 */
final class AgentReachableCheck implements Check {
    private final SiteHost host;

    AgentReachableCheck(SiteHost host) {
        this.host = host;
    }

    @Override
    public String id() {
        return "agent_reachable[" + host.name() + "]";
    }

    @Override
    public CheckResult.Kind kind() {
        return CheckResult.Kind.SITE;
    }

    @Override
    public String proves() {
        return "the compute agent of " + host.name() + " serves topic compute on [DEFAULT] transport_url "
                + "(get_available_resource)";
    }

    @Override
    public List<CheckResult> run(CheckContext context) {
        AgentFacts facts = context.site().agent(host);
        String broker = context.config().broker().orElse("the broker");
        if (!host.name().equals(facts.host())) {
            // another agent serving this host's queue would run the contract's steps on the wrong machine
            return List.of(verdict(false, "server " + host.name() + " on " + broker + " answered as host '"
                    + facts.host() + "'"));
        }
        context.agent(host, facts);
        return List.of(verdict(true, "server " + host.name() + " on " + broker + ": " + facts.hypervisorType()
                + " " + facts.hypervisorVersion()));
    }
}
