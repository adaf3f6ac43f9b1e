package dev.novalibvirt.conformance.xml;

import static dev.novalibvirt.core.xml.XmlAssert.assertContainedXml;
import static dev.novalibvirt.core.xml.XmlAssert.assertDomainRoundTrips;
import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.conformance.lab.Lab;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.conformance.lab.LabGuests;
import dev.novalibvirt.conformance.lab.LabHost;
import dev.novalibvirt.core.xml.DomainRewrite;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.Domains;
import dev.novalibvirt.core.xml.NetworkDiskBuilder;
import dev.novalibvirt.core.xml.NetworkDiskBuilder.AuthPlacement;
import dev.novalibvirt.core.xml.domain.Address;
import dev.novalibvirt.core.xml.domain.CharTarget;
import dev.novalibvirt.core.xml.domain.Channel;
import dev.novalibvirt.core.xml.domain.Console;
import dev.novalibvirt.core.xml.domain.Controller;
import dev.novalibvirt.core.xml.domain.Cpu;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.DiskHost;
import dev.novalibvirt.core.xml.domain.DiskSource;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.core.xml.domain.Graphics;
import dev.novalibvirt.core.xml.domain.GraphicsListen;
import dev.novalibvirt.core.xml.domain.Interface;
import dev.novalibvirt.core.xml.domain.InterfaceTarget;
import dev.novalibvirt.core.xml.domain.Lease;
import dev.novalibvirt.core.xml.domain.Perf;
import dev.novalibvirt.core.xml.domain.Serial;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The model against the lab's real libvirtd (host-a): what libvirt emits round-trips without loss, and what the
 * builders produce is accepted by libvirt and comes back (normalised) with everything we asked for.
 */
@ExtendWith(LabExtension.class)
class RealDomainXmlIT {
    private static XmlLab lab;

    @BeforeAll
    static void openLab(Lab shared) {
        lab = new XmlLab(shared);
        lab.hostA();
    }

    @Test
    void anRbdGuestBuiltWithTheModelStartsAndEveryXmlFlavourLibvirtEmitsRoundTrips() throws Exception {
        String name = XmlLab.name("rbd");
        String image = lab.cloneBaseImage();
        try {
            Domain built = ModelGuests.rbdGuest(lab, name, image);
            org.libvirt.Domain dom = lab.hostA().domainDefineXML(DomainXml.write(built));
            dom.create();
            assertThat(dom.isActive()).isEqualTo(1);

            for (int flags : new int[] {0, XmlLab.XML_INACTIVE, XmlLab.XML_MIGRATABLE,
                    XmlLab.XML_INACTIVE | XmlLab.XML_MIGRATABLE, XmlLab.XML_SECURE}) {
                String xml = dom.getXMLDesc(flags);
                keep("rbd-guest-flags-" + flags + ".xml", xml);
                assertDomainRoundTrips(xml);
            }

            Domain live = DomainXml.parse(dom.getXMLDesc(0));
            assertThat(live.getId()).isNotNull();
            Disk vda = Domains.findDiskByTarget(live, "vda").orElseThrow();
            assertThat(vda.getAlias()).as("libvirt names the running disk").isNotNull();
            // Everything the builder wrote is in libvirt's normalised disk (libvirt only adds).
            assertContainedXml(DomainXml.writeDisk(built.getDisks().get(0)), DomainXml.writeDisk(vda));
            assertThat(vda.getSource().getHosts()).extracting(DiskHost::getName).containsExactlyElementsOf(lab.monitors());
            assertThat(vda.getDriver().getName()).as("libvirt fills in the driver name").isEqualTo("qemu");
        } finally {
            lab.removeDomain(name);
            lab.removeImage(image);
        }
    }

    @Test
    void theLabsOwnBootSectorGuestRoundTripsRunningAndDefined(Lab shared) throws Exception {
        String name = XmlLab.name("labguest");
        String image = lab.cloneBaseImage();
        try {
            org.libvirt.Domain dom = lab.hostA().domainDefineXML(LabGuests.bootSectorDomainXml(shared.env(), name,
                    UUID.randomUUID(), lab.get("POOL_VMS") + "/" + image));
            assertDomainRoundTrips(dom.getXMLDesc(XmlLab.XML_INACTIVE));
            dom.create();
            for (int flags : new int[] {0, XmlLab.XML_SECURE, XmlLab.XML_MIGRATABLE, XmlLab.XML_UPDATE_CPU}) {
                assertDomainRoundTrips(dom.getXMLDesc(flags));
            }
        } finally {
            lab.removeDomain(name);
            lab.removeImage(image);
        }
    }

    /**
     * Whatever the lab hosts run or have defined right now (other suites' guests, the busy guest, migrated
     * guests) round-trips in every flavour. Domains that vanish while being read are skipped.
     */
    @Test
    void everyDomainOnTheLabHostsRoundTrips(Lab shared) throws Exception {
        int checked = 0;
        for (LabHost host : shared.hosts()) {
            Connect c = shared.connect(host);
            List<String> names = new ArrayList<>(List.of(c.listDefinedDomains()));
            for (int id : c.listDomains()) {
                try {
                    names.add(c.domainLookupByID(id).getName());
                } catch (LibvirtException gone) {
                    // stopped meanwhile
                }
            }
            for (String name : names) {
                for (int flags : new int[] {0, XmlLab.XML_INACTIVE, XmlLab.XML_MIGRATABLE, XmlLab.XML_SECURE}) {
                    String xml;
                    try {
                        xml = c.domainLookupByName(name).getXMLDesc(flags);
                    } catch (LibvirtException gone) {
                        continue; // undefined by its owner meanwhile
                    }
                    assertDomainRoundTrips(xml);
                    checked++;
                }
            }
        }
        System.out.println("round-tripped " + checked + " domain XML documents from the lab hosts");
    }

    @Test
    void everyModelledDeviceIsAcceptedOnDefineAndComesBackAsBuilt() throws Exception {
        String name = XmlLab.name("all");
        try {
            Domain built = everything(name);
            org.libvirt.Domain dom = lab.hostA().domainDefineXML(DomainXml.write(built));
            // SECURE: libvirt shows the VNC password only then.
            String normalised = dom.getXMLDesc(XmlLab.XML_INACTIVE | XmlLab.XML_SECURE);
            keep("every-device-inactive.xml", normalised);
            assertDomainRoundTrips(normalised);

            Domain back = DomainXml.parse(normalised);
            assertDevicesContained(built, back);
        } finally {
            lab.removeDomain(name);
        }
    }

    @Test
    void migrationRewritesOfALibvirtDefinitionAreAcceptedAgain() throws Exception {
        String name = XmlLab.name("rewrite");
        try {
            org.libvirt.Domain dom = lab.hostA().domainDefineXML(DomainXml.write(everything(name)));
            Domain defined = DomainXml.parse(dom.getXMLDesc(XmlLab.XML_INACTIVE));

            List<DiskHost> mons = List.of(DiskHost.of("198.18.0.31", 6789), DiskHost.of("2001:db8::31", 3300));
            // vda is the image disk; vdb (serial vol-1234) is a volume, which the image rewrite leaves alone, so it
            // is rewritten by target as a volume's own update would
            Domain rewritten = DomainRewrite.copyOf(defined)
                    .imageRbdHosts(mons)
                    .diskHosts("vdb", mons)
                    .graphicsListen(null, "198.18.0.12")
                    .tcpCharListen("198.18.0.12", List.of(4600, 4601))
                    .result();
            org.libvirt.Domain again = lab.hostA().domainDefineXML(DomainXml.write(rewritten));
            Domain back = DomainXml.parse(again.getXMLDesc(XmlLab.XML_INACTIVE));

            assertContainedXml(DomainXml.write(rewritten), DomainXml.write(back));
            for (Disk d : Domains.rbdDisks(back)) {
                assertThat(d.getSource().getHosts()).extracting(DiskHost::toString)
                        .containsExactly("198.18.0.31:6789", "[2001:db8::31]:3300");
            }
            assertThat(back.getDevices().getGraphics()).allSatisfy(g -> assertThat(g.getListens())
                    .filteredOn(l -> "address".equals(l.getType())).extracting(GraphicsListen::getAddress)
                    .containsOnly("198.18.0.12"));
            assertThat(back.getDevices().getSerials()).filteredOn(s -> "tcp".equals(s.getType()))
                    .extracting(s -> s.getSource().getHost() + ":" + s.getSource().getService())
                    .containsExactly("198.18.0.12:4601");
        } finally {
            lab.removeDomain(name);
        }
    }

    /** Keeps what libvirt emitted under target/lab-xml for inspection (and as fixtures for core's tests). */
    private static void keep(String file, String xml) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Path.of("target", "lab-xml");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve(file), xml);
    }

    /** Each device we built appears, in order, inside libvirt's normalised definition. */
    private static void assertDevicesContained(Domain built, Domain back) {
        List<String> errors = new ArrayList<>();
        List<Object> have = back.getDevices().all();
        for (Object device : built.getDevices().all()) {
            String expected = DomainXml.writeDevice(device);
            boolean found = have.stream().filter(o -> o.getClass() == device.getClass())
                    .anyMatch(o -> dev.novalibvirt.core.xml.XmlDiff.contained(expected, DomainXml.writeDevice(o))
                            .isEmpty());
            if (!found) {
                errors.add(expected);
            }
        }
        assertThat(errors).as("built devices libvirt did not keep as built; normalised:%n%s", DomainXml.write(back))
                .isEmpty();
    }

    /** A definition with every device kind and variant the model covers (define only; not startable). */
    private static Domain everything(String name) {
        Domain d = ModelGuests.rbdGuest(lab, name, "xml-never-started");
        // Per-device boot order instead of <os><boot dev>; libvirt refuses both together.
        d.getOs().setBootDevices(List.of());
        d.getDisks().get(0).setBootOrder(1);
        d.setCpu(new Cpu("host-model").setCheck("partial"));
        d.setPerf(new Perf().addEvent("cmt", false));
        var dev = d.getDevices();
        // RBD disk: IPv6 and DNS monitors, snapshot + config file, auth inside source by secret usage.
        dev.add(NetworkDiskBuilder.rbd(lab.get("POOL_IMAGES"), lab.get("BASE_IMAGE_ID"))
                .host("2001:db8::10", 6789).host("[2001:db8::11]", 3300).host("mon-c.lab.example", 6789)
                .snapshot(lab.get("BASE_IMAGE_SNAP")).configFile(lab.get("CEPH_CONF"))
                .username(lab.get("CEPH_USER")).secretUsage("client.nova secret").authPlacement(AuthPlacement.SOURCE)
                .readOnly(true).cache("none").target("vdb", "virtio").serial("vol-1234").bootOrder(2).build());
        dev.add(new Disk("file", "disk").setDriver(new Disk.Driver().setName("qemu").setType("qcow2").setCache("none")
                .setIo("native").setDiscard("unmap").setDetectZeroes("unmap"))
                .setSource(DiskSource.file("/var/lib/nova-libvirt-lab/host-a/instances/xml-none/disk"))
                .setTarget(new Disk.Target("vdc", "virtio"))
                .setBlockIo(new Disk.BlockIo().setLogicalBlockSize(512).setPhysicalBlockSize(4096)));
        dev.add(new Disk("block", "lun").setDriver(new Disk.Driver().setName("qemu").setType("raw"))
                .setSource(DiskSource.block("/dev/xml-nonexistent")).setTarget(new Disk.Target("sda", "scsi")));
        dev.add(new Disk("file", "cdrom").setDriver(new Disk.Driver().setName("qemu").setType("raw"))
                .setTarget(new Disk.Target("hdc", "ide").setTray("open")).setReadOnly(true));
        dev.add(new Controller().setType("scsi").setIndex("0").setModel("virtio-scsi"));
        dev.add(new Lease("xml-lockspace", "xml-key", "/var/lib/nova-libvirt-lab/host-a/leases/xml", 1048576L));
        dev.add(Interface.bridge(lab.get("BRIDGE"), "52:54:00:10:00:01", "virtio").setMtu(1400));
        dev.add(Interface.network("default", "52:54:00:10:00:02", "e1000"));
        dev.add(new Interface("ethernet").setMac("52:54:00:10:00:03")
                .setTarget(new InterfaceTarget().setDev("xmltap0").setManaged("no")).setModel("virtio")
                .setAddress(Address.pci(0, 0, 0x0a, 0)));
        dev.add(new Serial().tcp("bind", lab.get("HOST_A_IP"), "4600", "raw")
                .setTarget(new CharTarget().setPort("1")));
        dev.add(new Serial().file("/var/lib/nova-libvirt-lab/host-a/instances/xml-console.log", true)
                .setTarget(new CharTarget().setPort("2")));
        // libvirt generates the socket path at start, so an inactive definition carries no source.
        dev.add(new Channel("unix").setTarget(new CharTarget().setType("virtio").setName("org.qemu.guest_agent.0")));
        dev.add(new Graphics("vnc").setPort(5977).setAutoport(false).setPasswd("xml-pass").setKeymap("en-us")
                .setListen(lab.get("HOST_A_IP"))
                .addListen(new GraphicsListen().setType("address").setAddress(lab.get("HOST_A_IP"))));
        dev.add(new Console().pty().setTarget(new CharTarget().setType("virtio").setPort("1")));
        return d;
    }
}
