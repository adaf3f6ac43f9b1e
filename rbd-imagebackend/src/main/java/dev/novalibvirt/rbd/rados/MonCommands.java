package dev.novalibvirt.rbd.rados;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.novalibvirt.core.exception.StorageError;
import dev.novalibvirt.rbd.jna.LibRados;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Monitor commands over the librados API ({@code rados_mon_command}), not the {@code ceph} CLI: no
 * subprocess, no key on any command line, bounded by {@code rados_mon_op_timeout}. Nova runs
 * {@code ceph mon dump} as a subprocess in {@code rbd_utils.get_mon_addrs}; we ask the monitor directly.
 *
 * <p>Reusable by other packages (e.g. fencing's {@code osd blocklist add}): build the command as a map,
 * e.g. {@code Map.of("prefix", "osd blocklist", "blocklistop", "add", "addr", addr)}.
 */
public final class MonCommands {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The result of a mon command: {@code outs} (status text) and {@code outbuf} (payload, often JSON). */
    public record Result(String status, String output) {
    }

    private final RadosConnection connection;

    public MonCommands(RadosConnection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /**
     * Sends one command. {@code format=json} is added unless the command sets a format.
     *
     * @throws RbdError (typed by errno, e.g. {@link RbdError.CephTimeout}) when the monitor refuses or times out;
     *                  the message carries the command prefix and the monitor's status text
     */
    public Result command(Map<String, ?> command) {
        Map<String, Object> cmd = new LinkedHashMap<>(command);
        Object prefix = cmd.get("prefix");
        if (!(prefix instanceof String p) || p.isBlank()) {
            throw new IllegalArgumentException("a mon command needs a 'prefix'");
        }
        cmd.putIfAbsent("format", "json");
        String json;
        try {
            json = JSON.writeValueAsString(cmd);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("mon command not serialisable", e);
        }
        String what = "mon command '" + prefix + "'";
        return connection.withCluster(what, handle -> {
            PointerByReference outbuf = new PointerByReference();
            LongByReference outbufLen = new LongByReference();
            PointerByReference outs = new PointerByReference();
            LongByReference outsLen = new LongByReference();
            int rc = LibRados.INSTANCE.rados_mon_command(handle, new String[] {json}, 1, new byte[0], 0,
                    outbuf, outbufLen, outs, outsLen);
            String output = take(outbuf.getValue(), outbufLen.getValue());
            String status = take(outs.getValue(), outsLen.getValue());
            if (rc < 0) {
                String detail = status.isBlank() ? "" : " (" + truncate(status) + ")";
                throw new RadosConnection.TypedIOException(RbdError.of(what + detail, rc, null));
            }
            return new Result(status, output);
        });
    }

    /**
     * Sends a command given as JSON text and returns the output buffer; fits functional interfaces of the
     * shape {@code String execute(String json)} (e.g. fencing's {@code MonCommand}: {@code monCommands::execute}).
     */
    public String execute(String jsonCommand) {
        java.util.Map<String, Object> parsed;
        try {
            parsed = JSON.readValue(jsonCommand, new com.fasterxml.jackson.core.type.TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("mon command is not a JSON object", e);
        }
        return command(parsed).output();
    }

    /** {@code mon dump}: the current monitor map. */
    public MonMap monDump() {
        return MonMap.parse(command(Map.of("prefix", "mon dump")).output());
    }

    /**
     * The current monitors, one address each, of the preferred protocol when available; what goes into an
     * RBD disk's {@code <host>} list (Nova's {@code get_mon_addrs}, reading v1 and v2).
     */
    public List<MonAddress> monitorAddresses(MonProtocol preferred) {
        List<MonAddress> addrs = monDump().addresses(preferred);
        if (addrs.isEmpty()) {
            throw new StorageError("mon dump lists no monitor addresses");
        }
        return addrs;
    }

    private static String take(Pointer p, long len) {
        if (p == null) {
            return "";
        }
        try {
            return len <= 0 ? "" : new String(p.getByteArray(0, (int) len), StandardCharsets.UTF_8);
        } finally {
            LibRados.INSTANCE.rados_buffer_free(p);
        }
    }

    private static String truncate(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }
}
