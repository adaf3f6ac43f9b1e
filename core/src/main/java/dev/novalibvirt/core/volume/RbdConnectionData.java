package dev.novalibvirt.core.volume;

import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.validation.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code data} of a Cinder connection for {@code driver_volume_type: rbd} (what Cinder's RBD driver returns from
 * {@code initialize_connection}, and Nova's {@code LibvirtNetVolumeDriver} reads). Checked on construction: the
 * source name is {@code pool/volume} with no path or snapshot tricks, monitors are host names or addresses with
 * ports 1-65535, the cephx user and secret are plain names. Cinder's {@code keyring} (the key itself, sent for
 * os-brick's local attach) is never read into this record, so it cannot reach XML, logs or messages.
 *
 * @param name         {@code name}: {@code pool/volume}, e.g. {@code volumes/volume-<uuid>}
 * @param hosts        {@code hosts}: the Ceph monitors Cinder knows (may be empty: librbd reads ceph.conf)
 * @param ports        {@code ports}: a port per host, in order (an entry may be null: libvirt's default)
 * @param authEnabled  {@code auth_enabled}: cinder has an {@code rbd_user}
 * @param authUsername {@code auth_username}: the cephx user without {@code client.}; required with auth
 * @param secretType   {@code secret_type}: always {@code ceph} from Cinder; required with auth
 * @param secretUuid   {@code secret_uuid}: the libvirt secret holding the user's key; null in connections older
 *                     than Ocata (Nova then falls back to {@code [libvirt] rbd_secret_uuid})
 * @param clusterName  {@code cluster_name}, e.g. {@code ceph}; null when not sent
 * @param volumeId     {@code volume_id}: the Cinder volume id; null when not sent (the serial stands in)
 * @param discard      {@code discard}: the backend supports unmap ({@code driver discard='unmap'})
 * @param accessMode   {@code access_mode}: {@code rw} or {@code ro}; null when not sent
 * @param qosSpecs     {@code qos_specs}: front-end limits by Nova's names ({@code total_bytes_sec}, ...), numbers
 */
public record RbdConnectionData(String name, List<String> hosts, List<String> ports, boolean authEnabled,
                                String authUsername, String secretType, String secretUuid, String clusterName,
                                String volumeId, boolean discard, String accessMode, Map<String, Long> qosSpecs) {

    /** A pool name as Ceph and Cinder's {@code rbd_pool} take it, no {@code /} or {@code @}. */
    private static final Pattern POOL = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    /** An RBD image name: no {@code /} (a namespace or path), no {@code @} (a snapshot), no {@code :} (options). */
    private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}");
    /** A cephx user without {@code client.}. */
    private static final Pattern CEPHX_USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
    private static final Pattern CLUSTER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,63}");
    /** Nova's {@code _get_volume_config} front-end limits ({@code tune_opts}). */
    public static final List<String> QOS_KEYS = List.of("total_bytes_sec", "read_bytes_sec", "write_bytes_sec",
            "total_iops_sec", "read_iops_sec", "write_iops_sec", "read_bytes_sec_max", "read_iops_sec_max",
            "write_bytes_sec_max", "write_iops_sec_max", "total_bytes_sec_max", "total_iops_sec_max",
            "size_iops_sec");
    private static final int MAX_HOSTS = 64;

    /** @throws InvalidInput naming the {@code connection_info data} field and what was expected */
    public RbdConnectionData {
        checkName(name);
        hosts = hosts == null ? List.of() : hosts;
        ports = ports == null ? List.of() : ports;
        if (hosts.size() > MAX_HOSTS || ports.size() > MAX_HOSTS) {
            throw new InvalidInput("connection_info data.hosts/ports: more than " + MAX_HOSTS + " monitors");
        }
        for (int i = 0; i < hosts.size(); i++) {
            Checks.host(Checks.required(hosts.get(i), "connection_info data.hosts[" + i + "]"),
                    "connection_info data.hosts[" + i + "]");
        }
        List<String> portCopy = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            String port = ports.get(i);
            if (port != null) {
                Checks.port(port, "connection_info data.ports[" + i + "]");
            }
            portCopy.add(port);
        }
        hosts = List.copyOf(hosts);
        ports = java.util.Collections.unmodifiableList(portCopy);
        if (authEnabled) {
            Checks.matches(authUsername, "connection_info data.auth_username", CEPHX_USER,
                    "a cephx user name without 'client.' (1-64 of [A-Za-z0-9_.-]); required when auth_enabled");
            if (!"ceph".equals(Checks.required(secretType, "connection_info data.secret_type"))) {
                throw new InvalidInput("connection_info data.secret_type must be 'ceph' for an rbd volume");
            }
        } else if (authUsername != null) {
            Checks.matches(authUsername, "connection_info data.auth_username", CEPHX_USER,
                    "a cephx user name without 'client.'");
        }
        if (secretUuid != null) {
            Checks.matches(secretUuid, "connection_info data.secret_uuid", Checks.ANY_CASE_UUID, "a uuid");
        }
        if (clusterName != null) {
            Checks.matches(clusterName, "connection_info data.cluster_name", CLUSTER, "a Ceph cluster name");
        }
        if (volumeId != null) {
            VolumeConnectionInfo.checkVolumeId(volumeId, "connection_info data.volume_id");
        }
        if (accessMode != null && !accessMode.equals("rw") && !accessMode.equals("ro")) {
            throw new InvalidInput("connection_info data.access_mode must be 'rw' or 'ro'");
        }
        qosSpecs = qosSpecs == null ? Map.of() : Map.copyOf(qosSpecs);
        qosSpecs.forEach((k, v) -> {
            if (!QOS_KEYS.contains(k) || v == null || v < 0) {
                throw new InvalidInput("connection_info data.qos_specs: entry must be one of " + QOS_KEYS
                        + " with a non-negative number");
            }
        });
    }

    private static void checkName(String name) {
        String field = "connection_info data.name";
        Checks.required(name, field);
        int slash = name.indexOf('/');
        if (slash < 0 || name.indexOf('/', slash + 1) >= 0) {
            throw new InvalidInput(field + " must be pool/volume (exactly one '/')");
        }
        String pool = name.substring(0, slash);
        String image = name.substring(slash + 1);
        if (!POOL.matcher(pool).matches() || pool.contains("..")) {
            throw new InvalidInput(field + ": the pool must be 1-128 of [A-Za-z0-9_.-], starting alphanumeric,"
                    + " without '..'");
        }
        if (!IMAGE.matcher(image).matches() || image.contains("..")) {
            throw new InvalidInput(field + ": the volume must be 1-255 of [A-Za-z0-9_.-], starting alphanumeric,"
                    + " without '..', '@' or ':'");
        }
    }

    /** The pool part of {@link #name()}. */
    public String pool() {
        return name.substring(0, name.indexOf('/'));
    }

    /** The image part of {@link #name()}. */
    public String image() {
        return name.substring(name.indexOf('/') + 1);
    }
}
