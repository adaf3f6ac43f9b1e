package dev.novalibvirt.core.ceph;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import dev.novalibvirt.core.validation.SafeText;

/**
 * A host's {@link HostCacheFacts} in a form that travels in the migrate data (the destination sends its own to the
 * source). Of the ceph.conf only the two options {@link RbdCachePolicy} reads are carried, each as the value the
 * client entity sees with the section it came from, so no other ceph.conf content (keys, addresses) leaves the host.
 *
 * @param host             the host these facts describe
 * @param qemu             its QEMU version (e.g. "7.2.0")
 * @param ceph             its Ceph/librbd version, or {@code null} when unknown (see {@link #ASSUMED_CEPH})
 * @param clientEntity     the cephx entity QEMU connects as (e.g. {@code client.nova})
 * @param settings         {@code rbd_cache} / {@code rbd_cache_writethrough_until_flush} as the entity reads them
 * @param networkCacheMode the host's {@code [libvirt] disk_cachemodes} entry for {@code network} disks, which it
 *                         re-applies to an incoming guest; {@code null} when unset (the mode stays as it is)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RbdCacheFacts(
        @JsonProperty("host") String host,
        @JsonProperty("qemu") String qemu,
        @JsonProperty("ceph") String ceph,
        @JsonProperty("client_entity") String clientEntity,
        @JsonProperty("settings") List<ConfSetting> settings,
        @JsonProperty("network_cache_mode") String networkCacheMode) {

    /**
     * The Ceph version assumed when a host's is unknown: every release since 0.87 "Giant" (2014) has the same
     * cache defaults, so the prediction only differs for releases nobody runs with a current QEMU.
     */
    public static final ComponentVersion ASSUMED_CEPH = ComponentVersion.of(0, 87);

    /** One ceph.conf value: {@code [section] option = value}. */
    public record ConfSetting(@JsonProperty("section") String section, @JsonProperty("option") String option,
            @JsonProperty("value") String value) {
        public ConfSetting {
            required(section, "rbd cache facts setting section");
            required(option, "rbd cache facts setting option");
            required(value, "rbd cache facts setting value");
        }
    }

    /** @throws CephConfigException naming the field when host or qemu is missing, or a setting is null */
    public RbdCacheFacts {
        required(host, "rbd cache facts host");
        required(qemu, "rbd cache facts qemu");
        if (settings != null) {
            for (int i = 0; i < settings.size(); i++) {
                required(settings.get(i), "rbd cache facts settings[" + i + "]");
            }
        }
        settings = settings == null ? List.of() : List.copyOf(settings);
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new CephConfigException(field + " is required (got null)");
        }
        return value;
    }

    /**
     * The wire form of {@code facts}; {@code cephKnown} false sends the Ceph version as unknown, {@code networkCacheMode}
     * is the host's disk_cachemodes entry for network disks or {@code null}.
     */
    public static RbdCacheFacts of(HostCacheFacts facts, boolean cephKnown, String networkCacheMode) {
        List<ConfSetting> settings = new ArrayList<>();
        for (String option : List.of(RbdCachePolicy.RBD_CACHE, RbdCachePolicy.WRITETHROUGH_UNTIL_FLUSH)) {
            facts.cephConf().lookup(facts.clientEntity(), option)
                    .ifPresent(s -> settings.add(new ConfSetting(s.section(), s.option(), s.value())));
        }
        return new RbdCacheFacts(facts.host(), facts.qemu().toString(), cephKnown ? facts.ceph().toString() : null,
                facts.clientEntity(), settings, networkCacheMode);
    }

    /** The facts the policy reads; an unknown Ceph version is taken as {@link #ASSUMED_CEPH}. */
    public HostCacheFacts toHostCacheFacts() {
        StringBuilder conf = new StringBuilder();
        for (ConfSetting s : settings) {
            if (s.section().contains("]") || s.option().contains("=") || hasControl(s.section())
                    || hasControl(s.option()) || hasControl(s.value())) {
                throw new CephConfigException("rbd cache facts of " + SafeText.printable(host)
                        + " carry a malformed ceph.conf setting");
            }
            conf.append('[').append(s.section()).append("]\n").append(s.option()).append(" = ").append(s.value())
                    .append('\n');
        }
        return new HostCacheFacts(host, version(qemu, "qemu"),
                ceph == null ? ASSUMED_CEPH : version(ceph, "ceph"), CephConf.parse(conf.toString()),
                clientEntity);
    }

    private static ComponentVersion version(String text, String field) {
        try {
            return ComponentVersion.parse(text);
        } catch (CephConfigException e) {
            throw new CephConfigException("rbd cache facts " + field + ": " + e.getMessage());
        }
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    /** The cache mode this host gives an incoming disk that had {@code mode} on the source. */
    public DiskCacheMode incomingMode(DiskCacheMode mode) {
        return networkCacheMode == null ? mode : DiskCacheMode.fromLibvirt(networkCacheMode);
    }
}
