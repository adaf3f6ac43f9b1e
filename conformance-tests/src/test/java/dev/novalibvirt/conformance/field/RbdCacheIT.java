package dev.novalibvirt.conformance.field;

import dev.novalibvirt.conformance.migration.ContractLab;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.novalibvirt.core.ceph.CephConf;
import dev.novalibvirt.core.ceph.ComponentVersion;
import dev.novalibvirt.core.ceph.DiskCacheMode;
import dev.novalibvirt.core.ceph.HostCacheFacts;
import dev.novalibvirt.core.ceph.RbdCachePolicy;
import dev.novalibvirt.core.ceph.RbdCachePrediction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.TypedParameter;
import org.libvirt.TypedStringParameter;

/**
 * What cache does librbd really use? For every cache mode and three ceph.conf variants, a guest is started on
 * host-a whose librbd reads a per-test ceph.conf (the disk's {@code <source><config file=.../>}) that gives it an
 * admin socket; {@code config show} on that socket is compared with {@link RbdCachePolicy}'s prediction.
 */
class RbdCacheIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** ceph.conf [client] variants: none, cache forced on, cache forced off + writethrough-until-flush off. */
    private static final List<String> VARIANTS = List.of("", "rbd cache = true\n",
            "rbd cache = false\nrbd cache writethrough until flush = false\n");

    private Path cephConf(FieldLab lab, String name, String clientExtra) throws IOException {
        Path conf = dir.resolve(name + ".conf");
        CephConf labConf = CephConf.read(Path.of(lab.get("CEPH_CONF")));
        Files.writeString(conf, "[global]\nfsid = " + lab.get("CEPH_FSID") + "\n"
                + "mon host = " + labConf.lookup("client.admin", "mon host").orElseThrow().value() + "\n"
                + "[client]\n"
                + "admin socket = " + dir + "/" + name + ".$pid.$cctid.asok\n"
                + "log file = " + dir + "/" + name + ".$pid.log\n"
                + clientExtra);
        return conf;
    }

    private static JsonNode configShow(Path dir, String name) throws IOException {
        Optional<Path> sock = Optional.empty();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (sock.isEmpty() && System.nanoTime() < deadline) {
            try (Stream<Path> s = Files.list(dir)) {
                sock = s.filter(p -> p.getFileName().toString().startsWith(name + ".") && p.toString().endsWith(".asok")).findFirst();
            }
            if (sock.isEmpty()) {
                FieldLab.sleep(200);
            }
        }
        assertThat(sock).as("librbd of " + name + " opened an admin socket in " + dir).isPresent();
        ContractLab.Run r = ContractLab.run(Duration.ofSeconds(30), "ceph", "--admin-daemon", sock.get().toString(), "config", "show");
        assertThat(r.exitCode()).as(r.output()).isZero();
        return JSON.readTree(r.output());
    }

    private static HostCacheFacts facts(FieldLab lab, Connect conn, String host, Path conf) throws Exception {
        ContractLab.Run v = ContractLab.run(Duration.ofSeconds(10), "ceph", "--version");
        return new HostCacheFacts(host, ComponentVersion.fromPacked(conn.getVersion()), ComponentVersion.parse(v.output()),
                CephConf.read(conf), lab.get("CEPH_USER"));
    }

    @Test
    void predictionMatchesLibrbdsLiveConfigForEveryCacheModeAndCephConf() throws Exception {
        List<String> table = new ArrayList<>();
        try (FieldLab lab = FieldLab.load()) {
            String name = FieldLab.name("cache");
            String image = lab.newDisk(name);
            Connect a = lab.connect("a");
            int i = 0;
            for (String variant : VARIANTS) {
                for (DiskCacheMode mode : DiskCacheMode.values()) {
                    String guest = name + "-" + i++;
                    Path conf = cephConf(lab, guest, variant);
                    RbdCachePrediction predicted = RbdCachePolicy.predict(mode, facts(lab, a, "host-a", conf));
                    lab.forgetDomainAtClose(guest);
                    Domain d = a.domainCreateXML(lab.bootSectorDomain(guest, image, mode.libvirtValue(), conf.toString(),
                            lab.monitors()), 0);
                    JsonNode live;
                    try {
                        live = configShow(dir, guest);
                    } finally {
                        d.destroy();
                    }
                    boolean cache = live.path("rbd_cache").asText().equals("true");
                    boolean untilFlush = live.path("rbd_cache_writethrough_until_flush").asText().equals("true");
                    table.add(String.format("%-13s %-45s measured rbd_cache=%-5s wt_until_flush=%-5s | predicted %s",
                            mode.name().toLowerCase(), variant.isEmpty() ? "(no rbd cache settings)" : variant.strip().replace('\n', ';'),
                            cache, untilFlush, predicted.settings()));
                    assertThat(cache).as(mode + " / " + variant + ": " + predicted.reason()).isEqualTo(predicted.rbdCache());
                    assertThat(untilFlush).as(mode + " / " + variant + ": " + predicted.reason())
                            .isEqualTo(predicted.writethroughUntilFlush());
                }
            }
        } finally {
            System.out.println("RbdCacheIT\n" + String.join("\n", table));
        }
        assertThat(table).hasSize(VARIANTS.size() * DiskCacheMode.values().length);
    }

    @Test
    void writebackOnRbdLiveMigratesWithoutTheUnsafeFlag() throws Exception {
        try (FieldLab lab = FieldLab.load()) {
            String name = FieldLab.name("wbmig");
            String image = lab.newDisk(name);
            lab.forgetDomainAtClose(name);
            Path conf = cephConf(lab, name, "");
            Connect a = lab.connect("a");
            Connect b = lab.connect("b");
            // source and destination predict the same caching: no pre-migration warning
            assertThat(RbdCachePolicy.compare("vda", DiskCacheMode.WRITEBACK, facts(lab, a, "host-a", conf),
                    facts(lab, b, "host-b", conf))).isEmpty();

            Domain d = a.domainDefineXML(lab.bootSectorDomain(name, image, "writeback", conf.toString(), lab.monitors()));
            d.create();
            assertThat(configShow(dir, name).path("rbd_cache").asText()).isEqualTo("true");
            Path serialA = lab.serialLog("a", name);
            assertThat(FieldLab.await(Duration.ofSeconds(60), () -> FieldLab.size(serialA) > 0))
                    .as("the guest booted from RBD on host-a (serial output)").isTrue();

            // VIR_MIGRATE_LIVE | PEER2PEER | PERSIST_DEST | UNDEFINE_SOURCE; not VIR_MIGRATE_UNSAFE (512)
            int flags = 1 | 2 | 8 | 16;
            TypedParameter[] params = {new TypedStringParameter("migrate_uri", "tcp://" + lab.host("b", "IP"))};
            d.migrateToURI(lab.host("b", "URI"), params, flags);

            Domain onB = b.domainLookupByName(name);
            assertThat(onB.isActive()).isEqualTo(1);
            assertThat(onB.getXMLDesc(0)).contains("cache='writeback'");
            Path serial = lab.serialLog("b", name);
            long before = FieldLab.size(serial);
            assertThat(FieldLab.await(Duration.ofSeconds(30), () -> FieldLab.size(serial) > before))
                    .as("the guest runs on host-b").isTrue();
        }
    }
}
