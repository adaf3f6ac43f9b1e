package dev.novalibvirt.rbd.fence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The OSD map's client blocklist through the mon-command API ({@code osd blocklist add|rm}, {@code osd
 * blocklist ls}): a blocklisted client can no longer talk to any OSD, so its writes fail with EBLOCKLISTED.
 * This is the fencing Ceph itself offers; libvirt's lock managers do not cover RBD.
 */
public final class CephBlocklist {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MonCommand mon;

    public CephBlocklist(MonCommand mon) {
        this.mon = Objects.requireNonNull(mon, "mon");
    }

    /** One blocklist entry, address as {@code IP:PORT/NONCE} ({@code IP:0/0} = the whole IP). */
    public record Entry(String address, String until) {
        /** Whether this entry fences {@code clientAddress}. */
        public boolean covers(String clientAddress) {
            return CephAddress.covers(address, clientAddress);
        }
    }

    /** The address that fences every Ceph client of a host: {@code IP:0/0}. */
    public static String wholeHost(String ip) {
        String canonical = CephAddress.canonical(ip);
        return CephAddress.ip(canonical) + ":0/0";
    }

    /** {@code osd blocklist add ADDR EXPIRE}: fences {@code address} for {@code expiry} (at least one second). */
    public String add(String address, Duration expiry) {
        String addr = CephAddress.canonical(address);
        if (expiry == null || expiry.toSeconds() < 1) {
            throw new FenceException("a blocklist entry needs an expiry of at least one second");
        }
        Map<String, Object> cmd = new LinkedHashMap<>();
        cmd.put("prefix", "osd blocklist");
        cmd.put("blocklistop", "add");
        cmd.put("addr", addr);
        cmd.put("expire", (double) expiry.toSeconds());
        mon.execute(cmd);
        return addr;
    }

    /** {@code osd blocklist rm ADDR}; removing an address that is not listed is not an error. */
    public void remove(String address) {
        Map<String, Object> cmd = new LinkedHashMap<>();
        cmd.put("prefix", "osd blocklist");
        cmd.put("blocklistop", "rm");
        cmd.put("addr", CephAddress.canonical(address));
        mon.execute(cmd);
    }

    /** {@code osd blocklist ls}. */
    public List<Entry> list() {
        String out = mon.execute(new LinkedHashMap<>(Map.of("prefix", "osd blocklist ls", "format", "json")));
        return parseList(out);
    }

    /** Whether any entry of {@code entries} fences {@code clientAddress}. */
    public static boolean isFenced(List<Entry> entries, String clientAddress) {
        return entries.stream().anyMatch(e -> e.covers(clientAddress));
    }

    static List<Entry> parseList(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            JsonNode root = JSON.readTree(json);
            List<Entry> entries = new ArrayList<>();
            for (JsonNode n : root) {
                String addr = n.path("addr").asText("");
                if (!addr.isEmpty()) {
                    entries.add(new Entry(CephAddress.canonical(addr), n.path("until").asText("")));
                }
            }
            return List.copyOf(entries);
        } catch (JsonProcessingException e) {
            throw new FenceException("unexpected 'osd blocklist ls' output: " + e.getOriginalMessage());
        }
    }
}
