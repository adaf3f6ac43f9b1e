package dev.novalibvirt.core.ceph;

/**
 * What decides librbd's cache on one host: the QEMU version, the Ceph release of the librbd QEMU loads,
 * the ceph.conf QEMU reads (the disk's {@code <source><config file=.../>} if set, else librados' default
 * search: /etc/ceph/ceph.conf; {@link CephConf#empty()} when there is none) and the cephx entity QEMU
 * connects as (the disk's {@code <auth username>}, e.g. {@code client.nova}).
 */
public record HostCacheFacts(String host, ComponentVersion qemu, ComponentVersion ceph, CephConf cephConf,
        String clientEntity) {
    public HostCacheFacts {
        for (Object[] part : new Object[][] {{host, "host"}, {qemu, "qemu"}, {ceph, "ceph"}, {cephConf, "cephConf"}}) {
            if (part[0] == null) {
                throw new CephConfigException("host cache facts " + part[1] + " is required (got null)");
            }
        }
        clientEntity = clientEntity == null || clientEntity.isBlank() ? "client.admin"
                : clientEntity.contains(".") ? clientEntity.strip() : "client." + clientEntity.strip();
    }
}
