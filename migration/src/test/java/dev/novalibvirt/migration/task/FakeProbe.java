package dev.novalibvirt.migration.task;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.migration.task.truth.DomainPresence;
import dev.novalibvirt.migration.task.truth.HostProbe;
import dev.novalibvirt.migration.task.truth.HostView;
import java.util.List;

/** A hypervisor's answers, settable; records what recovery asked it to mend. */
final class FakeProbe implements HostProbe {
    final String host;
    final List<String> calls;
    HostView view;

    FakeProbe(String host, List<String> calls, DomainPresence presence) {
        this.host = host;
        this.calls = calls;
        this.view = HostView.of(host, presence, true, false);
    }

    @Override
    public HostView view(Instance instance) {
        return view;
    }

    @Override
    public void resume(Instance instance) {
        calls.add(host + ":resume");
    }

    @Override
    public void persist(Instance instance) {
        calls.add(host + ":persist");
    }

    @Override
    public void powerOff(Instance instance) {
        calls.add(host + ":powerOff");
        view = HostView.of(host, DomainPresence.DEFINED, view.persistent(), false);
    }
}
