package dev.novalibvirt.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.novalibvirt.cli.NovaLibvirtCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One run of the CLI in this JVM against fakes: exit code, stdout, stderr. */
record CliRun(int exitCode, String out, String err) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static CliRun of(FakeServices services, Path novaConf, String... args) {
        List<String> argv = new ArrayList<>(List.of(args));
        if (novaConf != null && !argv.isEmpty() && !argv.get(0).startsWith("-")) {
            argv.add("--config-file");
            argv.add(novaConf.toString());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NovaLibvirtCli.run(argv.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), services);
        return new CliRun(code, out.toString(), err.toString());
    }

    JsonNode json() {
        try {
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + out, e);
        }
    }

    /** A nova.conf and the ceph.conf it names, in {@code dir}. */
    static Path novaConf(Path dir, String extraLibvirt) {
        try {
            Path ceph = dir.resolve("ceph.conf");
            Files.writeString(ceph, "[global]\nmon host = 198.18.0.2\n[client]\nrbd cache = true\n");
            Path nova = dir.resolve("nova.conf");
            Files.writeString(nova, String.join("\n", "[DEFAULT]", "host = compute-1", "[libvirt]",
                    "virt_type = qemu", "images_type = rbd", "images_rbd_pool = vms",
                    "images_rbd_ceph_conf = " + ceph, "rbd_user = nova",
                    "rbd_secret_uuid = 457eb676-33da-42ec-9a8c-9293d545c337", extraLibvirt, ""));
            return nova;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A domain with one image-backend RBD disk. */
    static String domainXml(String name, String cache, String... monitors) {
        StringBuilder hosts = new StringBuilder();
        for (String m : monitors) {
            String[] hp = m.split(":");
            hosts.append("<host name='").append(hp[0]).append("' port='").append(hp[1]).append("'/>");
        }
        return "<domain type='qemu'><name>" + name + "</name><uuid>11111111-2222-3333-4444-" + "%012d".formatted(name.length())
                + "</uuid><memory unit='KiB'>65536</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>"
                + "<devices><disk type='network' device='disk'><driver name='qemu' type='raw'"
                + (cache == null ? "" : " cache='" + cache + "'") + "/>"
                + "<auth username='nova'><secret type='ceph' uuid='457eb676-33da-42ec-9a8c-9293d545c337'/></auth>"
                + "<source protocol='rbd' name='vms/" + name + "_disk'>" + hosts + "</source>"
                + "<target dev='vda' bus='virtio'/></disk></devices></domain>";
    }

    /** A domain without disks. */
    static String plainDomainXml(String name) {
        return "<domain type='qemu'><name>" + name + "</name><memory unit='KiB'>65536</memory><vcpu>1</vcpu>"
                + "<os><type arch='x86_64'>hvm</type></os><devices/></domain>";
    }
}
