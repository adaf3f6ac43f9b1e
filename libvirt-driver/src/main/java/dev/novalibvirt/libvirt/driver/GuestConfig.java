package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.driver.Vif;
import dev.novalibvirt.migration.xml.MonitorAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * The domain XML of a new guest; mirrors the parts of Nova's {@code _get_guest_xml} this driver supports: BIOS
 * guest, one RBD root disk ({@code Rbd.libvirt_info}: network disk, monitors of the live monmap, cephx auth through
 * the libvirt secret {@code rbd_secret_uuid}), bridged VIFs, VNC, and the serial console written to
 * {@code console.log} in the instance dir. No {@code <cpu>} element: the hypervisor default model migrates anywhere.
 *
 * @param virtType       {@code kvm} or {@code qemu} (domain type)
 * @param rbdPool        pool of the root disk
 * @param rbdName        image name of the root disk ({@code <uuid>_disk})
 * @param monitors       the current Ceph monitors
 * @param rbdUser        cephx user, or null for no auth
 * @param rbdSecretUuid  libvirt secret holding the user's key, or null
 * @param cacheMode      QEMU cache mode of the network disk
 * @param consoleLog     path QEMU appends the serial console to
 * @param vncListen      VNC listen address, or null for no graphics
 */
public record GuestConfig(String virtType, String rbdPool, String rbdName, List<MonitorAddress> monitors,
                          String rbdUser, String rbdSecretUuid, String cacheMode, Path consoleLog, String vncListen) {

    public String toXml(Instance instance, NetworkInfo network) {
        StringBuilder x = new StringBuilder();
        x.append("<domain type='").append(esc(virtType)).append("'>\n");
        x.append("  <name>").append(esc(instance.name())).append("</name>\n");
        x.append("  <uuid>").append(esc(instance.uuid())).append("</uuid>\n");
        x.append("  <memory unit='MiB'>").append(instance.memoryMib()).append("</memory>\n");
        x.append("  <vcpu>").append(instance.vcpus()).append("</vcpu>\n");
        x.append("  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>\n");
        x.append("  <features><acpi/></features>\n");
        x.append("  <clock offset='utc'/>\n");
        x.append("  <on_poweroff>destroy</on_poweroff><on_reboot>restart</on_reboot>"
                + "<on_crash>destroy</on_crash>\n");
        x.append("  <devices>\n");
        x.append("    <disk type='network' device='disk'>\n");
        x.append("      <driver name='qemu' type='raw' cache='").append(esc(cacheMode)).append("'/>\n");
        if (rbdSecretUuid != null) {
            x.append("      <auth username='").append(esc(rbdUser == null ? "admin" : rbdUser)).append("'>")
                    .append("<secret type='ceph' uuid='").append(esc(rbdSecretUuid)).append("'/></auth>\n");
        }
        x.append("      <source protocol='rbd' name='").append(esc(rbdPool + "/" + rbdName)).append("'>\n");
        for (MonitorAddress m : monitors) {
            x.append("        <host name='").append(esc(m.host())).append("' port='").append(esc(m.port()))
                    .append("'/>\n");
        }
        x.append("      </source>\n");
        x.append("      <target dev='vda' bus='virtio'/>\n");
        x.append("    </disk>\n");
        for (Vif vif : network.vifs()) {
            x.append("    <interface type='bridge'>\n");
            x.append("      <mac address='").append(esc(vif.mac())).append("'/>\n");
            x.append("      <source bridge='").append(esc(vif.bridge())).append("'/>\n");
            x.append("      <model type='").append(esc(vif.model())).append("'/>\n");
            x.append("    </interface>\n");
        }
        x.append("    <serial type='file'>\n");
        x.append("      <source path='").append(esc(consoleLog.toString())).append("' append='on'/>\n");
        x.append("      <target port='0'/>\n");
        x.append("    </serial>\n");
        if (vncListen != null) {
            x.append("    <graphics type='vnc' autoport='yes' listen='").append(esc(vncListen)).append("'>\n");
            x.append("      <listen type='address' address='").append(esc(vncListen)).append("'/>\n");
            x.append("    </graphics>\n");
        }
        x.append("    <memballoon model='none'/>\n");
        x.append("  </devices>\n");
        x.append("</domain>\n");
        return x.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;")
                .replace("\"", "&quot;");
    }
}
