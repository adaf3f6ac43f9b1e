/**
 * The compute-driver contract over RabbitMQ in oslo.messaging's shapes: {@code RemoteComputeDriver},
 * {@code RemoteHostProbe} (recovery's eyes through an agent) and {@code AgentDispatcher}, the client, the
 * transport, the envelope and the messaging options. The JSON codecs ({@code rpc.codec}) are internal.
 */
// "requires-automatic", "requires-transitive-automatic": amqp-client has no module descriptor, only its manifest's
// stable name (com.rabbitmq.client); AmqpTopology's message properties are its AMQP types, hence transitive.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.novalibvirt.rpc {
    requires transitive dev.novalibvirt.core;
    // RemoteHostProbe implements migration's HostProbe and returns its HostView
    requires transitive dev.novalibvirt.migration;
    requires com.fasterxml.jackson.databind;
    requires transitive com.rabbitmq.client;
    requires org.slf4j;

    exports dev.novalibvirt.rpc;
    exports dev.novalibvirt.rpc.client;
    exports dev.novalibvirt.rpc.compute;
    exports dev.novalibvirt.rpc.config;
    exports dev.novalibvirt.rpc.transport;
    exports dev.novalibvirt.rpc.wire;
}
