/** The compute agent a host runs: one LibvirtDriver served over rpc's AgentDispatcher. */
module dev.novalibvirt.agent {
    requires dev.novalibvirt.rbdlibvirt;
    // AgentConfig, AgentDrivers and ComputeAgent take core's and rpc's types (NovaConfig, ComputeDriver, Transport).
    requires transitive dev.novalibvirt.rpc;
    requires org.slf4j;

    exports dev.novalibvirt.agent;
}
