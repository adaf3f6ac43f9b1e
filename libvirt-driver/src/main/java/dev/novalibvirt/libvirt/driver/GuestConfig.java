package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.driver.Vif;
import java.nio.file.Path;

/**
 * The domain XML of a new guest; mirrors the parts of Nova's {@code _get_guest_xml} this driver supports: BIOS
 * guest, the root disk element the image backend wrote ({@code Image.libvirt_info}; for RBD a network disk with the
 * monitors of the live monmap and cephx auth through the libvirt secret {@code rbd_secret_uuid}), bridged VIFs, VNC,
 * and the serial console written to {@code console.log} in the instance dir. No {@code <cpu>} element: the
 * hypervisor's default model migrates anywhere.
 *
 * @param virtType       {@code kvm} or {@code qemu} (domain type)
 * @param rootDiskXml    the root {@code <disk>} element from the image backend
 * @param consoleLog     path QEMU appends the serial console to
 * @param vncListen      VNC listen address, or null for no graphics
 */
public record GuestConfig(String virtType, String rootDiskXml, Path consoleLog, String vncListen) {

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
        x.append(rootDiskXml.strip()).append('\n');
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
