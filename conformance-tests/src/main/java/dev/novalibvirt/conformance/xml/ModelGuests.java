package dev.novalibvirt.conformance.xml;

import dev.novalibvirt.core.xml.NetworkDiskBuilder;
import dev.novalibvirt.core.xml.domain.CharTarget;
import dev.novalibvirt.core.xml.domain.Clock;
import dev.novalibvirt.core.xml.domain.Console;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.core.xml.domain.Features;
import dev.novalibvirt.core.xml.domain.Graphics;
import dev.novalibvirt.core.xml.domain.Input;
import dev.novalibvirt.core.xml.domain.MemBalloon;
import dev.novalibvirt.core.xml.domain.Os;
import dev.novalibvirt.core.xml.domain.Serial;
import dev.novalibvirt.core.xml.domain.Video;
import dev.novalibvirt.core.xml.domain.VideoModel;
import java.util.UUID;

/** Guests built with the model for the lab: what a Nova-style RBD-backed instance looks like. */
public final class ModelGuests {
    private ModelGuests() {
    }

    /** The RBD root disk Nova would give an instance: raw, writeback, cephx auth, one host per monitor. */
    public static Disk rbdRootDisk(XmlLab lab, String image) {
        NetworkDiskBuilder b = NetworkDiskBuilder.rbd(lab.get("POOL_VMS"), image)
                .username(lab.get("CEPH_USER")).secretUuid(lab.get("RBD_SECRET_UUID"))
                .cache("writeback").discard("unmap").target("vda", "virtio");
        for (String mon : lab.monitors()) {
            b.host(mon, 6789);
        }
        return b.build();
    }

    /**
     * The benchmark's guest: the RBD guest plus what a Nova instance typically also has (a read-only RBD disk from
     * the base image snapshot, a file-backed serial log, the guest-agent channel), about 4 KiB once running.
     */
    public static Domain benchGuest(XmlLab lab, String name, String image) {
        Domain d = rbdGuest(lab, name, image);
        NetworkDiskBuilder ro = NetworkDiskBuilder.rbd(lab.get("POOL_IMAGES"), lab.get("BASE_IMAGE_ID"))
                .snapshot(lab.get("BASE_IMAGE_SNAP")).username(lab.get("CEPH_USER"))
                .secretUuid(lab.get("RBD_SECRET_UUID")).readOnly(true).target("vdb", "virtio").serial("base-image");
        for (String mon : lab.monitors()) {
            ro.host(mon, 6789);
        }
        var dev = d.getDevices();
        dev.add(ro.build());
        dev.add(new Serial().file(lab.get("HOST_A_INSTANCES_PATH") + "/" + name + ".log", true)
                .setTarget(new CharTarget().setPort("1")));
        dev.add(new dev.novalibvirt.core.xml.domain.Channel("unix")
                .setTarget(new CharTarget().setType("virtio").setName("org.qemu.guest_agent.0")));
        return d;
    }

    /** A small bootable guest (the lab's base image is a boot sector) with its root disk on RBD. */
    public static Domain rbdGuest(XmlLab lab, String name, String image) {
        Domain d = new Domain(lab.get("VIRT_TYPE"), name);
        d.setUuid(UUID.randomUUID().toString());
        d.setMemory(64, "MiB");
        d.setCurrentMemory(64, "MiB");
        d.setVcpus(1);
        d.setOs(Os.hvm("x86_64", "pc", "hd"));
        d.setFeatures(Features.of("acpi", "apic"));
        d.setClock(new Clock("utc").addTimer(new Clock.Timer("rtc", "catchup", null))
                .addTimer(new Clock.Timer("pit", "delay", null)).addTimer(new Clock.Timer("hpet", null, false)));
        d.setOnPoweroff("destroy");
        d.setOnReboot("restart");
        d.setOnCrash("destroy");
        var dev = d.getDevices();
        dev.add(rbdRootDisk(lab, image));
        dev.add(new Serial().pty().setTarget(new CharTarget().setPort("0")));
        dev.add(new Console().pty().setTarget(new CharTarget().setType("serial").setPort("0")));
        dev.add(new Input().setType("tablet").setBus("usb"));
        dev.add(Graphics.vnc("127.0.0.1"));
        dev.add(new Video().setModel(new VideoModel().setType("cirrus")));
        dev.add(new MemBalloon().setModel("virtio").setStatsPeriod(10));
        return d;
    }
}
