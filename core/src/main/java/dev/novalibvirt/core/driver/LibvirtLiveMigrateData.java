package dev.novalibvirt.core.driver;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.novalibvirt.core.ceph.RbdCacheFacts;
import dev.novalibvirt.core.exception.Invalid;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.validation.Checks;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Mirrors {@code nova.objects.migrate_data.LibvirtLiveMigrateData} (1.14) with the fields that apply to an RBD
 * deployment, plus those inherited from {@code LiveMigrateData}. Every field is optional: {@code null} is Nova's
 * "unset" (Nova tests {@code 'field' in md}). Immutable; steps return a copy with their fields set, through
 * {@link #toBuilder()}. {@link #toJson()} / {@link #fromJson(String)} exchange it between processes using Nova's
 * field names; unknown fields from newer peers are ignored, as {@code obj_make_compatible} would strip them.
 *
 * <p>Migrate data comes from a peer and is not trusted: every name and path in it is checked against what this
 * library itself would produce (a {@code filename} as {@code Files.createTempFile}/{@code mkstemp} name it, an
 * {@code instance_relative_path} that is an instance uuid, absolute normalised paths, host names and addresses that
 * no shell or URI can read as more, ports 1-65535), on construction and so on every parse. The JSON is limited in
 * size and depth, has one object, no duplicate field and no values of the wrong type.
 *
 * @param isVolumeBacked {@code is_volume_backed}: source manager: the instance boots from a volume
 * @param waitForVifPlugged {@code wait_for_vif_plugged}: dest: the source waits for network-vif-plugged before migrating
 * @param vifs {@code vifs}: per-port source/dest binding data
 * @param filename {@code filename}: dest: basename of the shared-storage test file in instances_path
 * @param imageType {@code image_type}: dest: its [libvirt] images_type
 * @param blockMigration {@code block_migration}: requested, or computed on the source when unset
 * @param diskOverCommit {@code disk_over_commit}: API: allow disk over-commit in the size check
 * @param diskAvailableMb {@code disk_available_mb}: dest: free disk for block migration
 * @param isSharedInstancePath {@code is_shared_instance_path}: source: the test file was visible (shared instances_path)
 * @param isSharedBlockStorage {@code is_shared_block_storage}: source: disks live on storage both hosts see (RBD on both)
 * @param instanceRelativePath {@code instance_relative_path}: source: instance dir name to use on the dest (the uuid)
 * @param graphicsListenAddrVnc {@code graphics_listen_addr_vnc}: dest: [vnc] server_listen
 * @param graphicsListenAddrSpice {@code graphics_listen_addr_spice}: dest: [spice] server_listen
 * @param serialListenAddr {@code serial_listen_addr}: dest: [serial_console] proxyclient_address; null = serial disabled
 * @param serialListenPorts {@code serial_listen_ports}: dest: ports acquired for tcp serial devices
 * @param bdms {@code bdms}: dest: volume connection data
 * @param targetConnectAddr {@code target_connect_addr}: dest: [libvirt] live_migration_inbound_addr
 * @param supportedPerfEvents {@code supported_perf_events}: dest: perf events it supports
 * @param dstWantsFileBackedMemory {@code dst_wants_file_backed_memory}: dest: file_backed_memory > 0
 * @param dstInstancesPath {@code dst_instances_path}: dest: its instances_path. Not in Nova, which assumes every host
 *        has the same instances_path; hosts that do (e.g. each with its own agent, as the lab's hosts in their mount
 *        namespaces) send the source's own path and nothing moves. Kept for hosts whose instances_path differ (one
 *        process driving several hosts in-process, each with its own dir): the source then moves console.log paths
 *        in the destination XML under it. Absent (a Nova peer never sends it): the paths stay as they are, as in Nova
 * @param dstRbdCacheFacts {@code dst_rbd_cache_facts}: dest: what decides librbd's cache there (QEMU/Ceph versions,
 *        the ceph.conf rbd cache settings, its disk_cachemodes for network disks). Not in Nova, and this library's
 *        own: the source compares it with its own facts and warns when a guest's effective caching would change
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LibvirtLiveMigrateData(
        @JsonProperty("is_volume_backed") Boolean isVolumeBacked,
        @JsonProperty("wait_for_vif_plugged") Boolean waitForVifPlugged,
        @JsonProperty("vifs") List<VifMigrateData> vifs,
        @JsonProperty("filename") String filename,
        @JsonProperty("image_type") String imageType,
        @JsonProperty("block_migration") Boolean blockMigration,
        @JsonProperty("disk_over_commit") Boolean diskOverCommit,
        @JsonProperty("disk_available_mb") Long diskAvailableMb,
        @JsonProperty("is_shared_instance_path") Boolean isSharedInstancePath,
        @JsonProperty("is_shared_block_storage") Boolean isSharedBlockStorage,
        @JsonProperty("instance_relative_path") String instanceRelativePath,
        @JsonProperty("graphics_listen_addr_vnc") String graphicsListenAddrVnc,
        @JsonProperty("graphics_listen_addr_spice") String graphicsListenAddrSpice,
        @JsonProperty("serial_listen_addr") String serialListenAddr,
        @JsonProperty("serial_listen_ports") List<Integer> serialListenPorts,
        @JsonProperty("bdms") List<LibvirtLiveMigrateBDMInfo> bdms,
        @JsonProperty("target_connect_addr") String targetConnectAddr,
        @JsonProperty("supported_perf_events") List<String> supportedPerfEvents,
        @JsonProperty("dst_wants_file_backed_memory") Boolean dstWantsFileBackedMemory,
        @JsonProperty("dst_instances_path") String dstInstancesPath,
        @JsonProperty("dst_rbd_cache_facts") RbdCacheFacts dstRbdCacheFacts) {

    /** The largest migrate data accepted from a peer (Nova's are a few KiB). */
    public static final int MAX_JSON_CHARS = 1 << 20;

    /** The shared-storage test file's name as this host makes it ({@code tmp} and a random part). */
    public static final Pattern TEST_FILE_NAME = Pattern.compile("tmp[A-Za-z0-9_]{1,64}");
    private static final Pattern IMAGE_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final Pattern PERF_EVENT = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final int MAX_LIST = 4096;

    /** @throws InvalidInput naming the Nova field that holds a value this host would never produce */
    public LibvirtLiveMigrateData {
        vifs = copyOf(vifs, "vifs");
        serialListenPorts = serialListenPorts == null ? null
                : List.copyOf(Checks.ports(serialListenPorts, "migrate data serial_listen_ports", MAX_LIST));
        bdms = copyOf(bdms, "bdms");
        supportedPerfEvents = copyOf(supportedPerfEvents, "supported_perf_events");
        if (filename != null) {
            Checks.matches(filename, "migrate data filename", TEST_FILE_NAME,
                    "the shared-storage test file's name as a host makes it (tmp and up to 64 of [A-Za-z0-9_])");
        }
        if (imageType != null) {
            Checks.matches(imageType, "migrate data image_type", IMAGE_TYPE, "an images_type such as rbd");
        }
        if (instanceRelativePath != null) {
            Checks.uuid(instanceRelativePath, "migrate data instance_relative_path (one path element: the instance uuid)");
        }
        if (graphicsListenAddrVnc != null) {
            Checks.host(graphicsListenAddrVnc, "migrate data graphics_listen_addr_vnc");
        }
        if (graphicsListenAddrSpice != null) {
            Checks.host(graphicsListenAddrSpice, "migrate data graphics_listen_addr_spice");
        }
        if (serialListenAddr != null) {
            Checks.host(serialListenAddr, "migrate data serial_listen_addr");
        }
        if (targetConnectAddr != null) {
            Checks.hostWithOptionalPort(targetConnectAddr, "migrate data target_connect_addr");
        }
        if (supportedPerfEvents != null) {
            for (String event : supportedPerfEvents) {
                Checks.matches(event, "migrate data supported_perf_events entry", PERF_EVENT,
                        "a perf event name (1-64 of [a-z0-9_])");
            }
        }
        if (dstInstancesPath != null) {
            Checks.absolutePath(dstInstancesPath, "migrate data dst_instances_path");
        }
    }

    private static <T> List<T> copyOf(List<T> list, String field) {
        if (list == null) {
            return null;
        }
        if (list.size() > MAX_LIST) {
            throw new InvalidInput("migrate data " + field + " has " + list.size() + " entries, more than " + MAX_LIST);
        }
        for (int i = 0; i < list.size(); i++) {
            Checks.required(list.get(i), "migrate data " + field + "[" + i + "]");
        }
        return List.copyOf(list);
    }

    /** Nova's {@code LiveMigrateData.is_on_shared_storage()}: shared block storage or a shared instance path. */
    @JsonIgnore
    public boolean isOnSharedStorage() {
        return Boolean.TRUE.equals(isSharedBlockStorage) || Boolean.TRUE.equals(isSharedInstancePath);
    }

    /** JSON with Nova's field names; unset fields are left out. */
    public String toJson() {
        return MigrateDataJson.write(this);
    }

    /**
     * Parses {@link #toJson()} output (or a peer's). Malformed JSON, trailing data, a duplicate or mistyped field, or
     * a value this host would never produce is rejected with {@link InvalidInput} (an {@link Invalid}) naming the
     * field; the message never shows the value of a field that failed to parse.
     */
    public static LibvirtLiveMigrateData fromJson(String json) {
        return MigrateDataJson.read(json);
    }

    /** An empty object (every field unset). */
    public static LibvirtLiveMigrateData empty() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.isVolumeBacked = isVolumeBacked;
        b.waitForVifPlugged = waitForVifPlugged;
        b.vifs = vifs;
        b.filename = filename;
        b.imageType = imageType;
        b.blockMigration = blockMigration;
        b.diskOverCommit = diskOverCommit;
        b.diskAvailableMb = diskAvailableMb;
        b.isSharedInstancePath = isSharedInstancePath;
        b.isSharedBlockStorage = isSharedBlockStorage;
        b.instanceRelativePath = instanceRelativePath;
        b.graphicsListenAddrVnc = graphicsListenAddrVnc;
        b.graphicsListenAddrSpice = graphicsListenAddrSpice;
        b.serialListenAddr = serialListenAddr;
        b.serialListenPorts = serialListenPorts;
        b.bdms = bdms;
        b.targetConnectAddr = targetConnectAddr;
        b.supportedPerfEvents = supportedPerfEvents;
        b.dstWantsFileBackedMemory = dstWantsFileBackedMemory;
        b.dstInstancesPath = dstInstancesPath;
        b.dstRbdCacheFacts = dstRbdCacheFacts;
        return b;
    }

    /** Fluent builder; each setter names the Nova field it sets. */
    public static final class Builder {
        private Boolean isVolumeBacked;
        private Boolean waitForVifPlugged;
        private List<VifMigrateData> vifs;
        private String filename;
        private String imageType;
        private Boolean blockMigration;
        private Boolean diskOverCommit;
        private Long diskAvailableMb;
        private Boolean isSharedInstancePath;
        private Boolean isSharedBlockStorage;
        private String instanceRelativePath;
        private String graphicsListenAddrVnc;
        private String graphicsListenAddrSpice;
        private String serialListenAddr;
        private List<Integer> serialListenPorts;
        private List<LibvirtLiveMigrateBDMInfo> bdms;
        private String targetConnectAddr;
        private List<String> supportedPerfEvents;
        private Boolean dstWantsFileBackedMemory;
        private String dstInstancesPath;
        private RbdCacheFacts dstRbdCacheFacts;

        private Builder() {
        }

        /** {@code is_volume_backed}. */
        public Builder isVolumeBacked(Boolean value) {
            this.isVolumeBacked = value;
            return this;
        }

        /** {@code wait_for_vif_plugged}. */
        public Builder waitForVifPlugged(Boolean value) {
            this.waitForVifPlugged = value;
            return this;
        }

        /** {@code vifs}. */
        public Builder vifs(List<VifMigrateData> value) {
            this.vifs = value;
            return this;
        }

        /** {@code filename}. */
        public Builder filename(String value) {
            this.filename = value;
            return this;
        }

        /** {@code image_type}. */
        public Builder imageType(String value) {
            this.imageType = value;
            return this;
        }

        /** {@code block_migration}. */
        public Builder blockMigration(Boolean value) {
            this.blockMigration = value;
            return this;
        }

        /** {@code disk_over_commit}. */
        public Builder diskOverCommit(Boolean value) {
            this.diskOverCommit = value;
            return this;
        }

        /** {@code disk_available_mb}. */
        public Builder diskAvailableMb(Long value) {
            this.diskAvailableMb = value;
            return this;
        }

        /** {@code is_shared_instance_path}. */
        public Builder isSharedInstancePath(Boolean value) {
            this.isSharedInstancePath = value;
            return this;
        }

        /** {@code is_shared_block_storage}. */
        public Builder isSharedBlockStorage(Boolean value) {
            this.isSharedBlockStorage = value;
            return this;
        }

        /** {@code instance_relative_path}. */
        public Builder instanceRelativePath(String value) {
            this.instanceRelativePath = value;
            return this;
        }

        /** {@code graphics_listen_addr_vnc}. */
        public Builder graphicsListenAddrVnc(String value) {
            this.graphicsListenAddrVnc = value;
            return this;
        }

        /** {@code graphics_listen_addr_spice}. */
        public Builder graphicsListenAddrSpice(String value) {
            this.graphicsListenAddrSpice = value;
            return this;
        }

        /** {@code serial_listen_addr}. */
        public Builder serialListenAddr(String value) {
            this.serialListenAddr = value;
            return this;
        }

        /** {@code serial_listen_ports}. */
        public Builder serialListenPorts(List<Integer> value) {
            this.serialListenPorts = value;
            return this;
        }

        /** {@code bdms}. */
        public Builder bdms(List<LibvirtLiveMigrateBDMInfo> value) {
            this.bdms = value;
            return this;
        }

        /** {@code target_connect_addr}. */
        public Builder targetConnectAddr(String value) {
            this.targetConnectAddr = value;
            return this;
        }

        /** {@code supported_perf_events}. */
        public Builder supportedPerfEvents(List<String> value) {
            this.supportedPerfEvents = value;
            return this;
        }

        /** {@code dst_wants_file_backed_memory}. */
        public Builder dstWantsFileBackedMemory(Boolean value) {
            this.dstWantsFileBackedMemory = value;
            return this;
        }

        /**
         * {@code dst_instances_path} (not in Nova): the destination's instances_path, which matters only when it
         * differs from the source's (see the record's {@code dstInstancesPath}).
         */
        public Builder dstInstancesPath(String value) {
            this.dstInstancesPath = value;
            return this;
        }

        /** {@code dst_rbd_cache_facts} (not in Nova). */
        public Builder dstRbdCacheFacts(RbdCacheFacts value) {
            this.dstRbdCacheFacts = value;
            return this;
        }

        public LibvirtLiveMigrateData build() {
            return new LibvirtLiveMigrateData(isVolumeBacked, waitForVifPlugged, vifs, filename, imageType, blockMigration, diskOverCommit, diskAvailableMb, isSharedInstancePath, isSharedBlockStorage, instanceRelativePath, graphicsListenAddrVnc, graphicsListenAddrSpice, serialListenAddr, serialListenPorts, bdms, targetConnectAddr, supportedPerfEvents, dstWantsFileBackedMemory, dstInstancesPath, dstRbdCacheFacts);
        }
    }
}
