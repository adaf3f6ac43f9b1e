/**
 * The {@code images_type=rbd} image backend: RBD instance disks, Ceph monitors, image holders, Glance locations and
 * fencing. Our JNA binding ({@code rbd.jna}) is internal.
 */
// "requires-automatic", "requires-transitive-automatic": rados-java and JNA have no module descriptor, only a stable
// name in their manifests (JNA's own com.sun.jna; com.ceph.rados in thirdparty/'s copy of rados-java).
// RadosConnection's raw-handle calls (IoCtxCall with rados-java's IoCTX, ClusterCall with JNA's Pointer) are public
// for rbd and rbd.fence, so both are transitive until those calls move out of the exported package.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.novalibvirt.rbd {
    requires transitive dev.novalibvirt.core;
    requires transitive com.ceph.rados;
    requires transitive com.sun.jna;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    requires org.slf4j;
    // optional: only RbdMetrics.micrometer(registry) touches it (an embedder passing one has it)
    requires static micrometer.core;

    exports dev.novalibvirt.rbd;
    exports dev.novalibvirt.rbd.rados;
    exports dev.novalibvirt.rbd.fence;
    exports dev.novalibvirt.rbd.glance;
    exports dev.novalibvirt.rbd.cinder;
    exports dev.novalibvirt.rbd.metrics;

    // JNA reads and writes our Structure subclasses' fields reflectively.
    opens dev.novalibvirt.rbd.jna to com.sun.jna;
}
