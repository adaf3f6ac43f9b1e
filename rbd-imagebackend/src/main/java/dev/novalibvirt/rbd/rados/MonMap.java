package dev.novalibvirt.rbd.rados;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.exception.StorageError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The monitor map as {@code mon dump --format json} returns it. Nova's {@code rbd_utils.get_mon_addrs}
 * reads only the legacy {@code addr} field of each mon; we read {@code public_addrs.addrvec} (v1 and v2
 * entries) and fall back to {@code addr}, so callers can choose the protocol.
 *
 * @param epoch monmap epoch
 * @param fsid  cluster fsid
 * @param mons  monitors in map order (by rank)
 */
public record MonMap(long epoch, String fsid, List<Mon> mons) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    public MonMap {
        mons = List.copyOf(mons);
    }

    /** One monitor with all its public addresses. */
    public record Mon(String name, int rank, List<MonAddress> addresses) {
        public Mon {
            addresses = List.copyOf(addresses);
        }

        /** The address of the given protocol, if this mon has one. */
        public Optional<MonAddress> address(MonProtocol protocol) {
            return addresses.stream().filter(a -> a.protocol() == protocol).findFirst();
        }
    }

    /**
     * One address per monitor, of the preferred protocol when the monitor has one, else its first address
     * (a v1-only or v2-only monitor is still listed: QEMU's librbd can reach either).
     */
    public List<MonAddress> addresses(MonProtocol preferred) {
        List<MonAddress> out = new ArrayList<>();
        for (Mon m : mons) {
            Optional<MonAddress> a = m.address(preferred);
            if (a.isPresent()) {
                out.add(a.get());
            } else if (!m.addresses().isEmpty()) {
                out.add(m.addresses().get(0));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Parses the JSON text of {@code mon dump}. A leading {@code dumped monmap epoch N} line (the CLI prints
     * it on stderr, some wrappers merge it) is skipped.
     *
     * @throws StorageError for text that is not a monmap
     */
    public static MonMap parse(String json) {
        String text = json == null ? "" : json.strip();
        int brace = text.indexOf('{');
        if (brace < 0) {
            throw new StorageError("mon dump returned no JSON object");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text.substring(brace));
        } catch (IOException e) {
            throw new StorageError("mon dump returned malformed JSON", e);
        }
        JsonNode monsNode = root.path("mons");
        if (!monsNode.isArray()) {
            throw new StorageError("mon dump JSON has no 'mons' array");
        }
        List<Mon> mons = new ArrayList<>();
        for (JsonNode m : monsNode) {
            List<MonAddress> addrs = new ArrayList<>();
            try {
                for (JsonNode a : m.path("public_addrs").path("addrvec")) {
                    MonProtocol p = MonProtocol.fromType(a.path("type").asText());
                    if (p != null && a.hasNonNull("addr")) {
                        addrs.add(MonAddress.parse(a.get("addr").asText(), p));
                    }
                }
                if (addrs.isEmpty() && m.hasNonNull("addr")) {
                    String legacy = m.get("addr").asText();
                    addrs.add(MonAddress.parse(legacy, legacy.startsWith("v2:") ? MonProtocol.V2 : MonProtocol.V1));
                }
            } catch (IllegalArgumentException | InvalidInput e) {
                throw new StorageError("mon dump: " + e.getMessage(), e);
            }
            mons.add(new Mon(m.path("name").asText(), m.path("rank").asInt(-1), addrs));
        }
        if (mons.isEmpty()) {
            throw new StorageError("mon dump lists no monitors (a cluster always has one)");
        }
        return new MonMap(root.path("epoch").asLong(), root.path("fsid").asText(), mons);
    }
}
