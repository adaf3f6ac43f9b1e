package dev.novalibvirt.cli.conformance;

import dev.novalibvirt.core.ceph.CephConf;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The monitors a ceph.conf names for a client ({@code mon_host}, else {@code mon_addr}), host part only: librados'
 * forms {@code 10.0.0.1}, {@code 10.0.0.1:6789}, {@code [v2:10.0.0.1:3300,v1:10.0.0.1:6789]}, {@code [::1]:6789}
 * and host names, separated by commas, semicolons or blanks.
 */
final class CephConfMonitors {
    private CephConfMonitors() {
    }

    /** The monitor hosts of {@code entity} (e.g. {@code client.nova}) in order, each once; empty when none. */
    static List<String> hosts(CephConf conf, String entity) {
        Optional<CephConf.Setting> s = conf.lookup(entity, "mon host").or(() -> conf.lookup(entity, "mon addr"));
        List<String> out = new ArrayList<>();
        s.ifPresent(setting -> {
            for (String item : setting.value().replace("[", " ").replace("]", " ").split("[,;\\s]+")) {
                String host = host(item);
                if (!host.isEmpty() && !out.contains(host)) {
                    out.add(host);
                }
            }
        });
        return List.copyOf(out);
    }

    /** {@code v2:10.0.0.1:3300/0} -> {@code 10.0.0.1}; an IPv6 address (more than one colon, no prefix) stays. */
    private static String host(String item) {
        String s = item.strip();
        if (s.startsWith("v1:") || s.startsWith("v2:")) {
            s = s.substring(3);
        }
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(0, slash);
        }
        int colon = s.indexOf(':');
        if (colon >= 0 && colon == s.lastIndexOf(':')) {
            s = s.substring(0, colon);
        }
        return s;
    }
}
