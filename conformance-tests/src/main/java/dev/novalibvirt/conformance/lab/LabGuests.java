package dev.novalibvirt.conformance.lab;

import java.util.UUID;

/**
 * Domain XML of the lab's smallest live guest: it boots the base image's boot sector from an RBD disk and
 * prints '.' to its serial port (a file) about 18 times a second, so a growing serial log shows that it runs.
 * A test fixture only: the library's own XML model builds the real thing.
 */
public final class LabGuests {
    private LabGuests() {
    }

    /** Where the guest's serial log is, as seen by libvirtd/QEMU inside its host (each host has its own). */
    public static String serialLogInsideHost(String domainName) {
        return "/var/log/libvirt/qemu/" + domainName + "-serial.log";
    }

    /**
     * @param name  domain name (name it after the owning session: {@code <you>-...})
     * @param uuid  domain UUID
     * @param disk  RBD image as {@code pool/image}, e.g. a clone of the base image in {@code vms}
     */
    public static String bootSectorDomainXml(LabEnv env, String name, UUID uuid, String disk) {
        StringBuilder hosts = new StringBuilder();
        for (String mon : env.monHosts()) {
            hosts.append("<host name='").append(mon).append("' port='6789'/>");
        }
        return """
                <domain type='%s'>
                  <name>%s</name>
                  <uuid>%s</uuid>
                  <memory unit='MiB'>128</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
                  <features><acpi/></features>
                  <clock offset='utc'/>
                  <on_poweroff>destroy</on_poweroff><on_reboot>restart</on_reboot><on_crash>destroy</on_crash>
                  <devices>
                    <emulator>/usr/bin/qemu-system-x86_64</emulator>
                    <disk type='network' device='disk'>
                      <driver name='qemu' type='raw' cache='none'/>
                      <auth username='%s'><secret type='ceph' uuid='%s'/></auth>
                      <source protocol='rbd' name='%s'>%s</source>
                      <target dev='vda' bus='virtio'/>
                    </disk>
                    <serial type='file'><source path='%s' append='on'/><target port='0'/></serial>
                    <memballoon model='none'/>
                  </devices>
                </domain>
                """.formatted(env.virtType(), name, uuid, env.cephUser(), env.rbdSecretUuid(), disk, hosts,
                serialLogInsideHost(name));
    }
}
