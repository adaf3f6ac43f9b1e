package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.driver.Vif;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.domain.CharTarget;
import dev.novalibvirt.core.xml.domain.Clock;
import dev.novalibvirt.core.xml.domain.Devices;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.core.xml.domain.Features;
import dev.novalibvirt.core.xml.domain.Graphics;
import dev.novalibvirt.core.xml.domain.Interface;
import dev.novalibvirt.core.xml.domain.MemBalloon;
import dev.novalibvirt.core.xml.domain.Os;
import dev.novalibvirt.core.xml.domain.Serial;
import java.nio.file.Path;

/**
 * The domain XML of a new guest, built with core.xml's typed model; mirrors the parts of Nova's
 * {@code _get_guest_xml} this driver supports: BIOS guest, the root disk element the image backend wrote
 * ({@code Image.libvirt_info}; for RBD a network disk with the monitors of the live monmap and cephx auth through
 * the libvirt secret {@code rbd_secret_uuid}), bridged VIFs, VNC, and the serial console written to
 * {@code console.log} in the instance dir. No {@code <cpu>} element: the hypervisor's default model migrates
 * anywhere.
 *
 * @param virtType       {@code kvm} or {@code qemu} (domain type)
 * @param rootDiskXml    the root {@code <disk>} element from the image backend
 * @param consoleLog     path QEMU appends the serial console to
 * @param vncListen      VNC listen address, or null for no graphics
 */
public record GuestConfig(String virtType, String rootDiskXml, Path consoleLog, String vncListen) {

    /** The guest's definition as libvirt-style XML. */
    public String toXml(Instance instance, NetworkInfo network) {
        return DomainXml.write(toDomain(instance, network));
    }

    /** The guest's definition as a model (a new object per call). */
    public Domain toDomain(Instance instance, NetworkInfo network) {
        Domain d = new Domain(virtType, instance.name());
        d.setUuid(instance.uuid());
        d.setMemory(instance.memoryMib(), "MiB");
        d.setVcpus(instance.vcpus());
        d.setOs(Os.hvm("x86_64", "pc", "hd"));
        d.setFeatures(Features.of("acpi"));
        d.setClock(new Clock("utc"));
        d.setOnPoweroff("destroy");
        d.setOnReboot("restart");
        d.setOnCrash("destroy");
        Devices devices = d.getDevices();
        // the backend's element as it wrote it (parsed losslessly, so nothing it set is dropped)
        devices.add(DomainXml.parseDisk(rootDiskXml));
        for (Vif vif : network.vifs()) {
            devices.add(Interface.bridge(vif.bridge(), vif.mac(), vif.model()));
        }
        devices.add(new Serial().file(consoleLog.toString(), true).setTarget(new CharTarget().setPort("0")));
        if (vncListen != null) {
            devices.add(Graphics.vnc(vncListen));
        }
        devices.add(new MemBalloon().setModel("none"));
        return d;
    }
}
