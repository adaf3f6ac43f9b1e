package dev.novalibvirt.core.volume;

/** Cinder RBD connections in Nova's JSON shapes, shared by the volume tests. */
public final class VolumeSamples {
    public static final String VOLUME_ID = "d299a078-f0db-4993-bf03-f10fe44fd192";
    public static final String CINDER_SECRET = "1a790a26-dd49-4825-8d16-3dd627cf05a9";
    /** A cephx key as Cinder's RBD driver sends it in {@code keyring} (never to be read or shown). */
    public static final String KEY = "AQBzS0ZjAAAAABAAx8pQ0b3Wq1Zk9mV7nS2Rt4uHjKlMnOpQ==";

    private VolumeSamples() {
    }

    /** Nova's test_update_volume_xml_keeps_address connection (ports longer than hosts), plus a keyring. */
    public static String keepsAddressConnection() {
        return """
                {"driver_volume_type": "rbd", "serial": "%s",
                 "data": {"access_mode": "rw", "secret_type": "ceph", "name": "cinder-volumes/volume-d299a078",
                          "encrypted": false, "discard": true, "cluster_name": "ceph", "secret_uuid": "%s",
                          "qos_specs": null, "auth_enabled": true, "volume_id": "%s",
                          "hosts": ["172.16.128.101", "172.16.128.121"], "auth_username": "cinder",
                          "ports": ["6789", "6789", "6789"], "keyring": "[client.cinder]\\n key = %s\\n"}}
                """.formatted(VOLUME_ID, CINDER_SECRET, VOLUME_ID, KEY);
    }

    /** A connection as the destination's Cinder attachment gives it: other monitors, another secret. */
    public static String destinationConnection(String secretUuid, String... monitors) {
        StringBuilder hosts = new StringBuilder();
        StringBuilder ports = new StringBuilder();
        for (int i = 0; i < monitors.length; i++) {
            hosts.append(i == 0 ? "" : ", ").append('"').append(monitors[i]).append('"');
            ports.append(i == 0 ? "" : ", ").append("\"3300\"");
        }
        return """
                {"driver_volume_type": "rbd", "serial": "%s",
                 "data": {"name": "volumes/volume-%s", "hosts": [%s], "ports": [%s], "auth_enabled": true,
                          "auth_username": "cinder", "secret_type": "ceph", "secret_uuid": "%s",
                          "volume_id": "%s", "cluster_name": "ceph"}}
                """.formatted(VOLUME_ID, VOLUME_ID, hosts, ports, secretUuid, VOLUME_ID);
    }
}
