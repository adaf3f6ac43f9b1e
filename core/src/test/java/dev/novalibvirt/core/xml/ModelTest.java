package dev.novalibvirt.core.xml;

import static dev.novalibvirt.core.xml.XmlAssert.assertDomainRoundTrips;
import static dev.novalibvirt.core.xml.XmlAssert.assertSameXml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.xml.domain.Address;
import dev.novalibvirt.core.xml.domain.Clock;
import dev.novalibvirt.core.xml.domain.Console;
import dev.novalibvirt.core.xml.domain.Cpu;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.DiskSource;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.core.xml.domain.Features;
import dev.novalibvirt.core.xml.domain.Graphics;
import dev.novalibvirt.core.xml.domain.Interface;
import dev.novalibvirt.core.xml.domain.Lease;
import dev.novalibvirt.core.xml.domain.Os;
import dev.novalibvirt.core.xml.domain.Serial;
import dev.novalibvirt.core.xml.secret.Secret;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelTest {

    @Test
    void everyTypedPartOfTheNovaGuestIsReadable() {
        Domain d = DomainXml.parse(Fixtures.xml("nova-rbd-guest.xml"));
        assertThat(d.getType()).isEqualTo("kvm");
        assertThat(d.getId()).isEqualTo(7);
        assertThat(d.getName()).isEqualTo("instance-0000002a");
        assertThat(d.getMemory().toKiB()).isEqualTo(2097152);
        assertThat(d.getCurrentMemory().getUnit()).isEqualTo("KiB");
        assertThat(d.getVcpu().getCount()).isEqualTo(2);
        assertThat(d.getVcpu().getCurrent()).isEqualTo(1);
        assertThat(d.getOs().getType().getMachine()).isEqualTo("pc-i440fx-7.2");
        assertThat(d.getOs().getBootDevices()).containsExactly("hd", "cdrom");
        assertThat(d.getFeatures().names()).containsExactly("acpi", "apic", "vmport");
        assertThat(d.getCpu().getModel().getValue()).isEqualTo("Nehalem");
        assertThat(d.getCpu().getTopology().getSockets()).isEqualTo(2);
        assertThat(d.getCpu().getFeatures()).extracting(Cpu.Feature::getName).containsExactly("vme", "x2apic");
        assertThat(d.getClock().getTimers()).extracting(Clock.Timer::getName).containsExactly("pit", "rtc", "hpet");
        assertThat(d.getClock().getTimers().get(2).getPresent()).isFalse();
        assertThat(d.getOnCrash()).isEqualTo("destroy");
        assertThat(d.getPerf().getEvents()).hasSize(2);
        assertThat(d.getMemoryBacking().getAccessMode()).isEqualTo("shared");
        assertThat(d.getMemoryBacking().has("hugepages")).isTrue();

        var dev = d.getDevices();
        assertThat(dev.getEmulator()).isEqualTo("/usr/bin/qemu-system-x86_64");
        assertThat(dev.getDisks()).extracting(Disk::getType).containsExactly("network", "network", "file", "block",
                "volume");
        Disk vda = dev.getDisks().get(0);
        assertThat(vda.getDriver().getCache()).isEqualTo("writeback");
        assertThat(vda.getAuth().getSecret().getUuid()).isEqualTo("5b9a3c2e-8f1d-4e6a-b7c0-9d8e7f6a5b4c");
        assertThat(vda.getSource().getHosts()).extracting(h -> h.getName() + " " + h.isIpv6())
                .containsExactly("198.18.0.10 false", "2001:db8::10 true", "mon-c.lab.example false");
        assertThat(vda.getIoTune().get("read_iops_sec")).hasValue(500);
        assertThat(vda.getAlias()).isEqualTo("virtio-disk0");
        assertThat(vda.getAddress().getSlot()).isEqualTo("0x04");
        Disk vdb = dev.getDisks().get(1);
        assertThat(vdb.getAuth()).isNull();
        assertThat(vdb.getSource().getAuth().getSecret().getUsage()).isEqualTo("client.cinder secret");
        assertThat(vdb.getSource().getConfigFile()).isEqualTo("/etc/ceph/ceph.conf");
        assertThat(vdb.getBlockIo().getPhysicalBlockSize()).isEqualTo(4096);
        assertThat(vdb.isShareable()).isTrue();
        assertThat(vdb.getBootOrder()).isEqualTo(2);
        assertThat(dev.getDisks().get(2).isReadOnly()).isTrue();
        assertThat(dev.getDisks().get(2).getTarget().getTray()).isEqualTo("closed");
        assertThat(dev.getDisks().get(3).sourceLocation()).isEqualTo("/dev/mapper/lun0");
        assertThat(dev.getDisks().get(4).sourceLocation()).isEqualTo("default/scratch.qcow2");

        assertThat(dev.getInterfaces()).extracting(Interface::getType).containsExactly("bridge", "network", "ethernet");
        Interface net0 = dev.getInterfaces().get(0);
        assertThat(net0.getMac()).isEqualTo("fa:16:3e:12:34:56");
        assertThat(net0.getSource().getBridge()).isEqualTo("br-lab");
        assertThat(net0.getTargetDev()).isEqualTo("tap12345678-90");
        assertThat(net0.getModel()).isEqualTo("virtio");
        assertThat(net0.getMtu()).isEqualTo(1450);
        assertThat(dev.getInterfaces().get(1).getSource().getNetwork()).isEqualTo("default");
        assertThat(dev.getInterfaces().get(2).getBootOrder()).isEqualTo(3);

        List<Serial> serials = dev.getSerials();
        assertThat(serials.get(0).getSource().getService()).isEqualTo("10000");
        assertThat(serials.get(0).getProtocol()).isEqualTo("raw");
        assertThat(serials.get(1).getSource().getAppend()).isEqualTo("on");
        assertThat(dev.getConsoles()).extracting(Console::getType).containsExactly("tcp");
        assertThat(dev.getChannels().get(0).getTarget().getName()).isEqualTo("org.qemu.guest_agent.0");
        assertThat(dev.getInputs()).hasSize(2);
        Graphics vnc = dev.getGraphics().get(0);
        assertThat(vnc.getPort()).isEqualTo(5900);
        assertThat(vnc.getAutoport()).isTrue();
        assertThat(vnc.getPasswd()).isEqualTo("s3cret");
        assertThat(dev.getVideos().get(0).getModel().getType()).isEqualTo("cirrus");
        assertThat(dev.getControllers()).hasSize(2);
        assertThat(dev.getMemBalloon().getStatsPeriod()).isEqualTo(10);
        Lease lease = dev.getLeases().get(0);
        assertThat(lease.getLockspace()).isEqualTo("nova");
        assertThat(lease.getTargetOffset()).isEqualTo(1048576L);
        assertThat(dev.getOtherElements()).extracting(e -> e.getLocalName()).containsExactly("audio", "hostdev", "rng");
        assertThat(d.getOtherElements()).extracting(e -> e.getLocalName())
                .containsExactly("metadata", "cputune", "resource", "sysinfo", "seclabel", "commandline");
    }

    @Test
    void aDomainBuiltFromScratchIsWrittenInLibvirtOrder() {
        Domain d = new Domain("qemu", "xml-new");
        d.getDevices().add(new Serial().pty());
        d.getDevices().add(NetworkDiskBuilder.rbd("vms", "a").target("vda", "virtio").build());
        d.getDevices().setEmulator("/usr/bin/qemu-system-x86_64");
        d.setOs(Os.hvm("x86_64", "pc", "hd"));
        d.setVcpus(1);
        d.setMemory(256, "MiB");
        d.setUuid("0a4b5c6d-0000-4000-8000-000000000002");
        d.setFeatures(Features.of("acpi"));
        d.setClock(new Clock("utc"));
        d.getDevices().add(Interface.bridge("br-lab", "52:54:00:00:00:01", "virtio"));
        d.getDevices().add(Graphics.vnc("127.0.0.1"));
        d.getDevices().add(new Console().pty().setTarget(new dev.novalibvirt.core.xml.domain.CharTarget()
                .setType("serial").setPort("0")));
        d.getDevices().add(new Lease("nova", "key-1", "/var/lib/leases/x", 0L));
        assertSameXml("""
                <domain type='qemu'>
                  <name>xml-new</name>
                  <uuid>0a4b5c6d-0000-4000-8000-000000000002</uuid>
                  <memory unit='MiB'>256</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
                  <features><acpi/></features>
                  <clock offset='utc'/>
                  <devices>
                    <emulator>/usr/bin/qemu-system-x86_64</emulator>
                    <disk type='network' device='disk'>
                      <driver type='raw'/>
                      <source protocol='rbd' name='vms/a'/>
                      <target dev='vda' bus='virtio'/>
                    </disk>
                    <lease>
                      <lockspace>nova</lockspace><key>key-1</key><target path='/var/lib/leases/x' offset='0'/>
                    </lease>
                    <interface type='bridge'>
                      <mac address='52:54:00:00:00:01'/><source bridge='br-lab'/><model type='virtio'/>
                    </interface>
                    <serial type='pty'/>
                    <console type='pty'><target type='serial' port='0'/></console>
                    <graphics type='vnc' autoport='yes' listen='127.0.0.1'>
                      <listen type='address' address='127.0.0.1'/>
                    </graphics>
                  </devices>
                </domain>""", DomainXml.write(d));
    }

    @Test
    void aSetterReplacesAChildWhereItStands() {
        Domain d = DomainXml.parse(Fixtures.xml("nova-rbd-guest.xml"));
        Disk vdb = d.getDisks().get(1);
        vdb.setTarget(new Disk.Target("vdq", "scsi"));
        vdb.setSource(DiskSource.network("rbd", "volumes/other"));
        vdb.setAddress(Address.drive(0, 0, 0, 1));
        String out = DomainXml.write(d);
        // <backingStore/> (unknown) still sits between source and target.
        assertThat(out.indexOf("volumes/other")).isLessThan(out.indexOf("<backingStore/>"));
        assertThat(out.indexOf("<backingStore/>")).isLessThan(out.indexOf("vdq"));
        assertDomainRoundTrips(out);
    }

    @Test
    void directKernelBootParts() {
        Domain d = DomainXml.parse(Fixtures.xml("direct-kernel.xml"));
        assertThat(d.getOs().getKernel()).endsWith("/kernel");
        assertThat(d.getOs().getInitrd()).endsWith("/ramdisk");
        assertThat(d.getOs().getFirmware()).isEqualTo("efi");
        assertThat(d.getMaxMemory().getSlots()).isEqualTo("16");
        assertThat(d.getMaxMemory().toKiB()).isEqualTo(8L * 1024 * 1024);
        assertThat(d.getMemory().toKiB()).isEqualTo(512 * 1024);
        assertThat(d.getCpu().getMode()).isEqualTo("host-passthrough");
        assertThat(d.getDevices().getConsoles().get(0).getSource().getAppend()).isEqualTo("on");
        assertThat(d.getDevices().getGraphics().get(0).getListens().get(0).getType()).isEqualTo("none");
    }

    @Test
    void cephAndVolumeSecrets() {
        Secret ceph = SecretXml.parse(Fixtures.xml("secret-ceph.xml"));
        assertThat(ceph.getUsage().getType()).isEqualTo("ceph");
        assertThat(ceph.getUsage().getName()).isEqualTo("client.nova secret");
        assertThat(ceph.getEphemeral()).isFalse();
        Secret vol = SecretXml.parse(Fixtures.xml("secret-volume.xml"));
        assertThat(vol.getUsage().getVolume()).isEqualTo("/var/lib/libvirt/images/encrypted.luks");
        assertThat(vol.getPrivate()).isTrue();
        assertSameXml("""
                <secret ephemeral='no' private='no'>
                  <uuid>5b9a3c2e-8f1d-4e6a-b7c0-9d8e7f6a5b4c</uuid>
                  <usage type='ceph'><name>client.nova secret</name></usage>
                </secret>""", SecretXml.write(Secret.ceph("5b9a3c2e-8f1d-4e6a-b7c0-9d8e7f6a5b4c", "client.nova secret")));
        assertSameXml("""
                <secret ephemeral='no' private='yes'>
                  <uuid>c1f11a6d-8c5d-4a3e-ac7a-4e171c5e0d4a</uuid>
                  <usage type='volume'><volume>/dev/vg/v</volume></usage>
                </secret>""", SecretXml.write(Secret.volume("c1f11a6d-8c5d-4a3e-ac7a-4e171c5e0d4a", "/dev/vg/v")));
    }
}
