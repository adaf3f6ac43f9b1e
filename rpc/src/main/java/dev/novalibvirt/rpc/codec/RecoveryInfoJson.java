package dev.novalibvirt.rpc.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.novalibvirt.migration.task.truth.DomainPresence;
import dev.novalibvirt.migration.task.truth.HostView;
import dev.novalibvirt.migration.task.truth.InstanceDir;
import dev.novalibvirt.migration.task.truth.JobType;
import dev.novalibvirt.rpc.MalformedMessage;
import java.util.Locale;

/**
 * The result of {@code get_live_migration_recovery_info}, a {@link HostView} with snake_case names and lower-case
 * enum values: {@code {"host": "host-b", "reachable": true, "domain": "running", "persistent": true,
 * "job_type": "unbounded", "instance_dir": "present", "detail": ""}}. {@code job_type} is libvirt's
 * {@code virDomainJobType} (a job is active when it is bounded or unbounded); {@code reachable} false says the agent
 * answered but could not ask its libvirtd. Read strictly (every field present, of its type, a known value), since
 * recovery acts on it; refusals name the field, never the value.
 */
public final class RecoveryInfoJson {
    /** Room for a libvirt error; longer details are cut. */
    private static final int MAX_DETAIL = 1024;

    private RecoveryInfoJson() {
    }

    public static JsonNode encode(HostView v) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("host", v.host());
        n.put("reachable", v.reachable());
        n.put("domain", lower(v.presence()));
        n.put("persistent", v.persistent());
        n.put("job_type", lower(v.job()));
        n.put("instance_dir", lower(v.instanceDir()));
        String detail = SecretGuard.mask(v.detail());
        n.put("detail", detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail);
        return n;
    }

    /**
     * @param expectedHost the host that was asked; an answer in another host's name is refused
     * @throws MalformedMessage for a missing or mistyped field, an unknown value, or another host's answer
     */
    public static HostView decode(JsonNode n, String expectedHost) {
        if (n == null || !n.isObject()) {
            throw new MalformedMessage("get_live_migration_recovery_info result is not a JSON object");
        }
        String host = text(n, "host");
        if (!host.equals(expectedHost)) {
            throw new MalformedMessage("get_live_migration_recovery_info result.host is not the host asked ("
                    + expectedHost + ")");
        }
        String detail = text(n, "detail");
        if (!bool(n, "reachable")) {
            return HostView.unreachable(host, "its agent cannot ask libvirt: " + detail);
        }
        return new HostView(host, true, value(n, "domain", DomainPresence.class), bool(n, "persistent"),
                value(n, "job_type", JobType.class), value(n, "instance_dir", InstanceDir.class), detail);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new MalformedMessage("get_live_migration_recovery_info result." + field + " is not a string");
        }
        return v.textValue();
    }

    private static boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isBoolean()) {
            throw new MalformedMessage("get_live_migration_recovery_info result." + field + " is not a boolean");
        }
        return v.booleanValue();
    }

    private static <E extends Enum<E>> E value(JsonNode n, String field, Class<E> type) {
        String t = text(n, field);
        for (E e : type.getEnumConstants()) {
            if (lower(e).equals(t)) {
                return e;
            }
        }
        throw new MalformedMessage("get_live_migration_recovery_info result." + field + " is not one of the "
                + type.getSimpleName() + " values");
    }
}
