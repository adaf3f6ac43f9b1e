/**
 * The {@code ComputeDriver} over a real libvirtd: {@code LibvirtDriver}, the Host/Guest ports, monitor refresh and
 * the lock managers. Our JNA ({@code libvirt.jna}) and the libvirt-backed monitor ({@code libvirt.monitor}, built on
 * libvirt-java handles) are internal.
 */
// "requires-automatic": libvirt-java and JNA have no module descriptor, only a stable name in their manifests
// (org.libvirt in thirdparty/'s copy of libvirt-java; JNA's own com.sun.jna). Not transitive: the few public methods
// that take a libvirt-java type (LibvirtGuest.domain, ConnectionErrors, MonitorRefresher's Connect) are escape hatches
// for callers that use libvirt-java themselves, each marked @SuppressWarnings("exports"), as are MonitorJobWaiter's
// constructors, which take the internal monitor's Detection (the builder's default waiter needs none).
@SuppressWarnings("requires-automatic")
module dev.novalibvirt.libvirt {
    requires transitive dev.novalibvirt.core;
    requires transitive dev.novalibvirt.migration;
    requires org.libvirt;
    requires com.sun.jna;
    requires org.slf4j;

    exports dev.novalibvirt.libvirt.driver;
    exports dev.novalibvirt.libvirt.host;
    exports dev.novalibvirt.libvirt.lock;
    exports dev.novalibvirt.libvirt.monrefresh;

    // JNA reads and writes our Structure subclasses and calls our Callback implementations reflectively.
    opens dev.novalibvirt.libvirt.jna to com.sun.jna;
}
