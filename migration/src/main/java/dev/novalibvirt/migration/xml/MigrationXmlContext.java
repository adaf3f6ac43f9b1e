package dev.novalibvirt.migration.xml;

import dev.novalibvirt.core.driver.LibvirtLiveMigrateBDMInfo;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.VifMigrateData;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.image.DiskCacheModes;
import dev.novalibvirt.core.validation.Checks;
import dev.novalibvirt.core.volume.VolumeConfigOptions;
import java.util.List;

/**
 * Everything {@link GuestXmlUpdater} needs to rewrite the source's migratable XML for the destination, gathered from
 * the migrate data and the source's options before the pure rewrite runs. Built by name ({@link #builder()}): the
 * parts are mostly nullable strings, which positional arguments mixed up too easily.
 *
 * @param graphicsListenAddrVnc   destination VNC listen address, or null to leave VNC alone
 * @param graphicsListenAddrSpice destination SPICE listen address, or null
 * @param serialListenAddr        destination serial proxy address, or null (tcp serials left alone)
 * @param serialListenPorts       destination ports for tcp serial/console devices, by target port order
 * @param rbdMonitors             current monitors for image-backend RBD disks, or null when the image type is not
 *                                rbd (Nova's {@code image_type} check in {@code _update_rbd_xml})
 * @param diskCacheModes          {@code disk_cachemodes} by disk source type (file, block, network); none by default
 * @param sourceInstanceDir       the instance dir on the source, or null
 * @param destinationInstanceDir  the instance dir on the destination, or null (no path rewrite)
 * @param bdms                    the destination's volumes ({@code migrate_data.bdms}) with the connection info it
 *                                made; empty for none
 * @param volumeOptions           the source's {@code [libvirt]} options the volume config reads (Nova builds the
 *                                volume XML on the source); null: kvm, no fallback auth, {@code diskCacheModes}
 * @param vifs                    the destination's port bindings ({@code migrate_data.vifs}); empty: interfaces are
 *                                left alone, as Nova does without port bindings
 */
public record MigrationXmlContext(String graphicsListenAddrVnc, String graphicsListenAddrSpice,
                                  String serialListenAddr, List<Integer> serialListenPorts,
                                  List<MonitorAddress> rbdMonitors, DiskCacheModes diskCacheModes,
                                  String sourceInstanceDir, String destinationInstanceDir,
                                  List<LibvirtLiveMigrateBDMInfo> bdms, VolumeConfigOptions volumeOptions,
                                  List<VifMigrateData> vifs) {
    /**
     * @throws InvalidInput naming the part: addresses that are not host names or IP addresses, ports outside
     *                      1-65535, an empty or null-holding monitor list, dirs that are not absolute normalised paths
     */
    public MigrationXmlContext {
        serialListenPorts = serialListenPorts == null ? List.of()
                : List.copyOf(Checks.ports(serialListenPorts, "serial_listen_ports", 65535));
        if (rbdMonitors != null) {
            if (rbdMonitors.isEmpty()) {
                throw new InvalidInput("rbdMonitors: the monmap has no monitors (give at least one, or null for "
                        + "an image type other than rbd)");
            }
            for (int i = 0; i < rbdMonitors.size(); i++) {
                Checks.required(rbdMonitors.get(i), "rbdMonitors[" + i + "]");
            }
            rbdMonitors = List.copyOf(rbdMonitors);
        }
        diskCacheModes = diskCacheModes == null ? DiskCacheModes.none() : diskCacheModes;
        bdms = bdms == null ? List.of() : List.copyOf(bdms);
        vifs = vifs == null ? List.of() : List.copyOf(vifs);
        volumeOptions = volumeOptions == null ? new VolumeConfigOptions("kvm", diskCacheModes, null, null)
                : volumeOptions;
        if (graphicsListenAddrVnc != null) {
            Checks.host(graphicsListenAddrVnc, "graphics_listen_addr_vnc");
        }
        if (graphicsListenAddrSpice != null) {
            Checks.host(graphicsListenAddrSpice, "graphics_listen_addr_spice");
        }
        if (serialListenAddr != null) {
            Checks.host(serialListenAddr, "serial_listen_addr");
        }
        if (sourceInstanceDir != null) {
            Checks.absolutePath(sourceInstanceDir, "source instance dir");
        }
        if (destinationInstanceDir != null) {
            Checks.absolutePath(destinationInstanceDir, "destination instance dir");
        }
    }

    /** A context without volumes (the form before volumes were rewritten). */
    public MigrationXmlContext(String graphicsListenAddrVnc, String graphicsListenAddrSpice, String serialListenAddr,
                               List<Integer> serialListenPorts, List<MonitorAddress> rbdMonitors,
                               DiskCacheModes diskCacheModes, String sourceInstanceDir,
                               String destinationInstanceDir) {
        this(graphicsListenAddrVnc, graphicsListenAddrSpice, serialListenAddr, serialListenPorts, rbdMonitors,
                diskCacheModes, sourceInstanceDir, destinationInstanceDir, null, null, null);
    }

    /** A context that rewrites nothing but what its builder is told. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link MigrationXmlContext} by name; every part is optional. */
    public static final class Builder {
        private String graphicsListenAddrVnc;
        private String graphicsListenAddrSpice;
        private String serialListenAddr;
        private List<Integer> serialListenPorts;
        private List<MonitorAddress> rbdMonitors;
        private DiskCacheModes diskCacheModes;
        private String sourceInstanceDir;
        private String destinationInstanceDir;
        private List<LibvirtLiveMigrateBDMInfo> bdms;
        private VolumeConfigOptions volumeOptions;
        private List<VifMigrateData> vifs;

        private Builder() {
        }

        /**
         * The destination's graphics and serial listen data and its volumes from the migrate data, as Nova's
         * {@code graphics_listen_addrs}, {@code serial_listen_addr}/{@code serial_listen_ports}, {@code bdms} and
         * {@code vifs} read them.
         */
        public Builder migrateData(LibvirtLiveMigrateData md) {
            Checks.required(md, "migrate data");
            return graphicsListenAddrVnc(md.graphicsListenAddrVnc())
                    .graphicsListenAddrSpice(md.graphicsListenAddrSpice())
                    .serialListenAddr(md.serialListenAddr())
                    .serialListenPorts(md.serialListenPorts())
                    .bdms(md.bdms())
                    .vifs(md.vifs());
        }

        public Builder graphicsListenAddrVnc(String address) {
            this.graphicsListenAddrVnc = address;
            return this;
        }

        public Builder graphicsListenAddrSpice(String address) {
            this.graphicsListenAddrSpice = address;
            return this;
        }

        public Builder serialListenAddr(String address) {
            this.serialListenAddr = address;
            return this;
        }

        public Builder serialListenPorts(List<Integer> ports) {
            this.serialListenPorts = ports;
            return this;
        }

        public Builder rbdMonitors(List<MonitorAddress> monitors) {
            this.rbdMonitors = monitors;
            return this;
        }

        public Builder diskCacheModes(DiskCacheModes modes) {
            this.diskCacheModes = modes;
            return this;
        }

        /** Console and serial log paths under {@code source} move under {@code destination} when they differ. */
        public Builder instanceDirs(String source, String destination) {
            this.sourceInstanceDir = source;
            this.destinationInstanceDir = destination;
            return this;
        }

        /** The destination's volumes, {@code migrate_data.bdms}. */
        public Builder bdms(List<LibvirtLiveMigrateBDMInfo> value) {
            this.bdms = value;
            return this;
        }

        /** The source's options for building the volumes' XML. */
        public Builder volumeOptions(VolumeConfigOptions value) {
            this.volumeOptions = value;
            return this;
        }

        /** The destination's port bindings, {@code migrate_data.vifs}. */
        public Builder vifs(List<VifMigrateData> value) {
            this.vifs = value;
            return this;
        }

        public MigrationXmlContext build() {
            return new MigrationXmlContext(graphicsListenAddrVnc, graphicsListenAddrSpice, serialListenAddr,
                    serialListenPorts, rbdMonitors, diskCacheModes, sourceInstanceDir, destinationInstanceDir, bdms,
                    volumeOptions, vifs);
        }
    }
}
