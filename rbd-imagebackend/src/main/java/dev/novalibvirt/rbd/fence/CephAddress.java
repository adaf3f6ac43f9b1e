package dev.novalibvirt.rbd.fence;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ceph entity addresses as the OSD map's blocklist uses them: {@code [v2:|v1:|any:]IP[:PORT][/NONCE]}. */
final class CephAddress {
    private static final Pattern ADDR = Pattern.compile(
            "^(?:(?:v1|v2|any):)?(\\[[0-9a-fA-F:.]+]|[0-9.]+)(?::(\\d+))?(?:/(\\d+))?$");

    private CephAddress() {
    }

    static Matcher parse(String address) {
        Matcher m = ADDR.matcher(address == null ? "" : address.strip());
        if (!m.matches()) {
            throw new FenceException("not a Ceph entity address: '" + address + "'");
        }
        return m;
    }

    static String ip(String address) {
        return parse(address).group(1);
    }

    /** {@code IP:PORT/NONCE} with 0 for missing parts, the form {@code osd blocklist ls} prints. */
    static String canonical(String address) {
        Matcher m = parse(address);
        return m.group(1) + ":" + (m.group(2) == null ? "0" : m.group(2)) + "/" + (m.group(3) == null ? "0" : m.group(3));
    }

    /** A blocklist entry with port 0 and nonce 0 covers every client on that IP (OSDMap::is_blocklisted). */
    static boolean covers(String blocklisted, String address) {
        String b = canonical(blocklisted);
        String a = canonical(address);
        return b.equals(a) || (b.endsWith(":0/0") && ip(b).equals(ip(a)));
    }
}
