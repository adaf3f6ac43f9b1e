package dev.novalibvirt.core.driver;

/**
 * The compute-node record fields that live-migration checks read ({@code src_compute_info}/{@code dst_compute_info},
 * produced by Nova's {@code get_available_resource}).
 *
 * @param host                host name the node is reached by
 * @param hypervisorType      e.g. {@code QEMU}
 * @param hypervisorVersion   libvirt's encoding: major*1_000_000 + minor*1_000 + release
 * @param cpuInfo             host CPU description (libvirt capabilities {@code <cpu>} XML)
 * @param freeDiskGb          free disk in instances_path
 * @param diskAvailableLeast  free disk minus over-committed disk, in GiB
 */
public record ComputeInfo(String host, String hypervisorType, long hypervisorVersion, String cpuInfo,
                          long freeDiskGb, long diskAvailableLeast) {
}
