package dev.novalibvirt.rpc.codec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.novalibvirt.core.driver.BlockDeviceMapping;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.driver.Vif;
import java.util.List;

/**
 * Jackson mix-ins that give core's contract records Nova's field names on the wire without annotating core
 * (core's own JSON types, LibvirtLiveMigrateData and what it holds, already carry Nova's names and need none).
 * Each mix-in's constructor matches the record's canonical constructor, so decoding runs core's validation.
 */
final class ContractMixins {
    private ContractMixins() {
    }

    /** {@code objects.Instance} field names. */
    abstract static class InstanceMixin {
        @JsonCreator
        InstanceMixin(@JsonProperty("uuid") String uuid, @JsonProperty("name") String name,
                      @JsonProperty("memory_mb") int memoryMib, @JsonProperty("vcpus") int vcpus,
                      @JsonProperty("root_gb") int rootGb, @JsonProperty("image_ref") String imageRef) {
        }

        @JsonProperty("uuid") abstract String uuid();

        @JsonProperty("name") abstract String name();

        @JsonProperty("memory_mb") abstract int memoryMib();

        @JsonProperty("vcpus") abstract int vcpus();

        @JsonProperty("root_gb") abstract int rootGb();

        @JsonProperty("image_ref") abstract String imageRef();

        @JsonIgnore abstract boolean isVolumeBacked();
    }

    /** {@code objects.ImageMeta} field names. */
    abstract static class ImageMetaMixin {
        @JsonCreator
        ImageMetaMixin(@JsonProperty("id") String id, @JsonProperty("disk_format") String diskFormat,
                       @JsonProperty("location") String location) {
        }

        @JsonProperty("id") abstract String id();

        @JsonProperty("disk_format") abstract String diskFormat();

        @JsonProperty("location") abstract String location();
    }

    /** Nova's {@code network_info} is a JSON list of VIFs. */
    abstract static class NetworkInfoMixin {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        NetworkInfoMixin(List<Vif> vifs) {
        }

        @JsonValue abstract List<Vif> vifs();
    }

    /** Nova's {@code block_device_info} dict keys. */
    abstract static class BlockDeviceInfoMixin {
        @JsonCreator
        BlockDeviceInfoMixin(@JsonProperty("root_device_name") String rootDeviceName,
                             @JsonProperty("block_device_mapping") List<BlockDeviceMapping> blockDeviceMapping) {
        }

        @JsonProperty("root_device_name") abstract String rootDeviceName();

        @JsonProperty("block_device_mapping") abstract List<BlockDeviceMapping> blockDeviceMapping();
    }

    /** {@code objects.ComputeNode} field names. */
    abstract static class ComputeInfoMixin {
        @JsonCreator
        ComputeInfoMixin(@JsonProperty("host") String host, @JsonProperty("hypervisor_type") String hypervisorType,
                         @JsonProperty("hypervisor_version") long hypervisorVersion,
                         @JsonProperty("cpu_info") String cpuInfo, @JsonProperty("free_disk_gb") long freeDiskGb,
                         @JsonProperty("disk_available_least") long diskAvailableLeast) {
        }

        @JsonProperty("host") abstract String host();

        @JsonProperty("hypervisor_type") abstract String hypervisorType();

        @JsonProperty("hypervisor_version") abstract long hypervisorVersion();

        @JsonProperty("cpu_info") abstract String cpuInfo();

        @JsonProperty("free_disk_gb") abstract long freeDiskGb();

        @JsonProperty("disk_available_least") abstract long diskAvailableLeast();
    }

    /** {@code hardware.InstanceInfo}: {@code state} is Nova's power_state integer. */
    abstract static class InstanceInfoMixin {
        @JsonCreator
        InstanceInfoMixin(@JsonProperty("state") PowerState state, @JsonProperty("internal_id") int internalId) {
        }

        @JsonProperty("state") abstract PowerState state();

        @JsonProperty("internal_id") abstract int internalId();
    }
}
