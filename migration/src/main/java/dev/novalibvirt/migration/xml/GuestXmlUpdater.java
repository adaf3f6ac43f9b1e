package dev.novalibvirt.migration.xml;

import dev.novalibvirt.core.driver.LibvirtLiveMigrateBDMInfo;
import dev.novalibvirt.core.driver.Vif;
import dev.novalibvirt.core.driver.VifMigrateData;
import dev.novalibvirt.core.exception.Invalid;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.validation.Checks;
import dev.novalibvirt.core.xml.DomainRewrite;
import dev.novalibvirt.core.volume.VolumeConnectionInfo;
import dev.novalibvirt.core.volume.VolumeDiskConfig;
import dev.novalibvirt.core.xml.DomainXmlException;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.DiskHost;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.core.xml.domain.OtherElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mirrors Nova's {@code migration.get_updated_guest_xml}: from the source's migratable XML
 * ({@code VIR_DOMAIN_XML_MIGRATABLE}) to the domain the destination defines and starts ({@code destination_xml} and
 * {@code persistent_xml}). Pure: no libvirt, no Ceph; the live inputs (monmap, destination data) come in the
 * {@link MigrationXmlContext}. Order as in Nova: graphics, serial, volumes, RBD hosts, VIFs, then cache modes and
 * paths. The XML is parsed once and every rewrite changes that one model ({@link DomainRewrite}); whatever no
 * rewrite touches reaches the destination as it was, unknown elements included.
 */
public final class GuestXmlUpdater {
    private GuestXmlUpdater() {
    }

    /**
     * The destination's domain, parsed once from {@code migratableXml}.
     *
     * @throws Invalid when {@code migratableXml} is not a domain libvirt could have written
     */
    public static Domain update(String migratableXml, MigrationXmlContext ctx) {
        Checks.required(migratableXml, "migratable domain xml");
        Checks.required(ctx, "migration XML context");
        DomainRewrite rewrite;
        try {
            rewrite = DomainRewrite.of(migratableXml);
        } catch (DomainXmlException e) {
            throw new Invalid("domain XML cannot be parsed: " + e.getMessage(), e);
        }
        return apply(rewrite, ctx).result();
    }

    /** The destination's domain as a changed copy of {@code migratable}, which is left as it was. */
    public static Domain update(Domain migratable, MigrationXmlContext ctx) {
        Checks.required(migratable, "migratable domain");
        Checks.required(ctx, "migration XML context");
        return apply(DomainRewrite.copyOf(migratable), ctx).result();
    }

    private static DomainRewrite apply(DomainRewrite r, MigrationXmlContext ctx) {
        // built first: a destination connection that cannot be used refuses the rewrite before any step runs
        List<Disk> volumes = volumeDisks(ctx);
        Map<String, Optional<String>> bridges = bridgesByMac(ctx.vifs());
        if (ctx.graphicsListenAddrVnc() != null) {
            r.graphicsListen("vnc", ctx.graphicsListenAddrVnc());
        }
        if (ctx.graphicsListenAddrSpice() != null) {
            r.graphicsListen("spice", ctx.graphicsListenAddrSpice());
        }
        if (ctx.serialListenAddr() != null) {
            r.tcpCharListen(ctx.serialListenAddr(), ctx.serialListenPorts());
        }
        if (!volumes.isEmpty()) {
            r.volumes(volumes);
        }
        if (ctx.rbdMonitors() != null && !ctx.rbdMonitors().isEmpty()) {
            r.imageRbdHosts(ctx.rbdMonitors().stream().map(m -> new DiskHost(m.host(), m.port())).toList());
        }
        if (!ctx.vifs().isEmpty()) {
            // Nova's _update_vif_xml runs only when the destination sent port bindings
            r.interfaceBridges(bridges);
        }
        r.cacheModes(ctx.diskCacheModes());
        String from = ctx.sourceInstanceDir();
        String to = ctx.destinationInstanceDir();
        if (from != null && to != null && !from.equals(to)) {
            r.instanceDir(from, to);
        }
        return r;
    }

    /**
     * Nova's {@code _update_volume_xml} inputs: for each destination volume with a serial and connection info,
     * {@code _get_volume_config(connection_info, bdm.as_disk_info())}, with the LUKS {@code <encryption>} Nova adds
     * when the destination named an {@code encryption_secret_uuid}.
     */
    static List<Disk> volumeDisks(MigrationXmlContext ctx) {
        List<Disk> out = new ArrayList<>();
        for (LibvirtLiveMigrateBDMInfo bdm : ctx.bdms()) {
            Optional<VolumeConnectionInfo> connection = bdm.connectionInfo();
            if (bdm.serial() == null || connection.isEmpty()) {
                continue;
            }
            Disk disk = VolumeDiskConfig.build(connection.get(), bdm.asDiskInfo(), ctx.volumeOptions());
            if (disk.getSerial() == null || !disk.getSerial().equals(bdm.serial())) {
                // Nova compares the serials of both sides and leaves the disk alone when they differ
                continue;
            }
            out.add(bdm.encryptionSecretUuid() == null ? disk : withLuks(disk, bdm.encryptionSecretUuid()));
        }
        return out;
    }

    /**
     * Nova's {@code migrate_vif_by_mac}: each binding by its source VIF's MAC (lower case), with the bridge its
     * {@code get_dest_vif()} joins when the binding names one ({@code vif_details bridge_name}).
     *
     * @throws InvalidInput for a binding without {@code source_vif}, or two bindings of one MAC
     */
    static Map<String, Optional<String>> bridgesByMac(List<VifMigrateData> vifs) {
        Map<String, Optional<String>> out = new LinkedHashMap<>();
        for (VifMigrateData vif : vifs) {
            Vif dest = vif.destVif();
            boolean named = vif.vifDetails() != null && vif.vifDetails().bridgeName() != null;
            if (out.put(dest.mac(), named ? Optional.of(dest.bridge()) : Optional.empty()) != null) {
                throw new InvalidInput("migrate data vifs name the MAC " + dest.mac() + " twice");
            }
        }
        return out;
    }

    /** Nova's {@code volume_encryption}: {@code <encryption format='luks'>} with the destination's passphrase secret. */
    static Disk withLuks(Disk disk, String secretUuid) {
        disk.addOtherElement(new OtherElement("encryption").setAttribute("format", "luks")
                .addChild(new OtherElement("secret").setAttribute("type", "passphrase").setAttribute("uuid", secretUuid)));
        return disk;
    }
}
