/**
 * The RBD embedder's assembly: {@code RbdLibvirt.driver(novaConfig)} or {@code RbdLibvirt.builder(novaConfig)}
 * returns an {@code RbdLibvirtDriver}, a {@code LibvirtDriver} with the RBD image backend, the disk guard, the cephx
 * key of the keyring ceph.conf names and the host's Ceph release, all from nova.conf.
 */
module dev.novalibvirt.rbdlibvirt {
    // RbdLibvirtDriver hands out the LibvirtDriver and the RbdImageBackend; the builder takes their types.
    requires transitive dev.novalibvirt.libvirt;
    requires transitive dev.novalibvirt.rbd;
    requires org.slf4j;

    exports dev.novalibvirt.rbdlibvirt;
}
