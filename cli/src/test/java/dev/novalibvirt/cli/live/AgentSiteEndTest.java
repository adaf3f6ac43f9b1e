package dev.novalibvirt.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.cli.conformance.SiteHost;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.InternalError;
import dev.novalibvirt.migration.task.truth.DomainPresence;
import dev.novalibvirt.migration.task.truth.HostProbe;
import dev.novalibvirt.migration.task.truth.HostView;
import dev.novalibvirt.migration.task.truth.InstanceDir;
import dev.novalibvirt.migration.task.truth.JobType;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a host reached through its agent has left of the run's guest is the agent's word (Nova's instance_exists,
 * recovery's look at the instance dir); a look the agent cannot answer is a leftover, never "nothing left".
 */
class AgentSiteEndTest {
    static final Instance GUEST = new Instance("6f1c9a52-0d7e-4c1b-9f5e-2a8b3c4d5e6f", "conformance-6f1c9a52", 64, 1,
            1, "0b6e2ab7-5ac8-4b5c-8d36-3a6a3bb2a0f1");
    static final SiteHost HOST_B = SiteHost.throughAgent("host2", "host-b", null);

    final List<String> calls = new ArrayList<>();
    boolean domainThere;
    RuntimeException destroyFails;
    HostView view = HostView.of("host-b", DomainPresence.ABSENT, false, JobType.NONE, InstanceDir.ABSENT);

    /** The agent's driver: instance_exists and destroy answer, every other step is not this class's to call. */
    private ComputeDriver remote() {
        return (ComputeDriver) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ComputeDriver.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("equals") ? proxy == args[0]
                                : method.getName().equals("hashCode") ? 0 : "RemoteComputeDriver[host-b]";
                    }
                    calls.add(method.getName() + (method.getName().equals("destroy") ? " destroy_disks=" + args[3]
                            : ""));
                    return switch (method.getName()) {
                        case "instanceExists" -> domainThere;
                        case "destroy" -> {
                            if (destroyFails != null) {
                                throw destroyFails;
                            }
                            yield null;
                        }
                        case "close" -> null;
                        default -> throw new AssertionError(method.getName() + " is not the end's to call");
                    };
                });
    }

    private HostProbe probe() {
        return new HostProbe() {
            @Override
            public HostView view(Instance instance) {
                calls.add("get_live_migration_recovery_info");
                return view;
            }

            @Override
            public void resume(Instance instance) {
                throw new AssertionError("resume");
            }

            @Override
            public void persist(Instance instance) {
                throw new AssertionError("persist");
            }

            @Override
            public void powerOff(Instance instance) {
                throw new AssertionError("powerOff");
            }
        };
    }

    private AgentSiteEnd end() {
        return new AgentSiteEnd(HOST_B, remote(), probe());
    }

    @Test
    void nothingIsLeftWhenTheAgentKnowsNoDomainAndNoDir() {
        assertThat(end().leftovers(GUEST)).isEmpty();
        assertThat(calls).containsExactly("instanceExists", "get_live_migration_recovery_info");
    }

    @Test
    void theDomainAndTheDirTheAgentStillHasAreLeftovers() {
        domainThere = true;
        view = HostView.of("host-b", DomainPresence.DEFINED, true, JobType.NONE, InstanceDir.PRESENT);

        assertThat(end().leftovers(GUEST)).containsExactly(
                "domain conformance-6f1c9a52 on host-b (its agent's instance_exists)",
                "instance dir 6f1c9a52-0d7e-4c1b-9f5e-2a8b3c4d5e6f in host-b's instances_path (its agent's look)");
    }

    @Test
    void aLookTheAgentCannotAnswerIsNeverNothingLeft() {
        view = HostView.unreachable("host-b", "its agent did not answer within rpc_response_timeout (60 s)");
        assertThat(end().leftovers(GUEST)).containsExactly("instance dir of 6f1c9a52-0d7e-4c1b-9f5e-2a8b3c4d5e6f on "
                + "host-b not known: its agent did not answer within rpc_response_timeout (60 s)");

        view = HostView.of("host-b", DomainPresence.ABSENT, false, JobType.NONE, InstanceDir.UNKNOWN);
        assertThat(end().leftovers(GUEST)).singleElement().asString().endsWith("its agent could not judge it");
    }

    @Test
    void thePurgeIsTheAgentsDestroyWithTheDisksAndAFailureDoesNotStopIt() {
        end().purge(GUEST);
        destroyFails = new InternalError("MessagingTimeout");
        end().purge(GUEST);

        assertThat(calls).containsExactly("destroy destroy_disks=true", "destroy destroy_disks=true");
    }
}
