package dev.novalibvirt.rpc.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.rpc.MalformedMessage;
import dev.novalibvirt.rpc.RemoteError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An exception raised by the agent, as oslo.messaging's {@code serialize_remote_exception} sends it: a JSON string
 * (the reply's {@code failure}) of {@code class}, {@code module}, {@code message}, {@code tb}, {@code args} and
 * {@code kwargs}; and back, as {@code deserialize_remote_exception} does with {@code allowed_remote_exmods}: a
 * registered name from its module becomes the same typed exception, anything else a {@link RemoteError}. The remote
 * traceback is kept as a suppressed {@link RemoteTraceback}. Message and traceback have cephx keys masked.
 */
public final class FailureCodec {
    /** Enough of a remote stack to see where it failed, without making every failure reply large. */
    private static final int MAX_TRACEBACK_LINES = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FailureCodec() {
    }

    /** The {@code failure} string for {@code failure}. */
    public static String encode(Throwable failure) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        String message = SecretGuard.mask(String.valueOf(failure.getMessage() == null ? "" : failure.getMessage()));
        ObjectNode data = f.objectNode();
        NovaExceptions.Kind kind = NovaExceptions.of(failure).orElse(null);
        data.put("class", kind != null ? kind.name() : failure.getClass().getSimpleName());
        data.put("module", kind != null ? kind.module() : failure.getClass().getPackageName());
        data.put("message", message);
        ArrayNode tb = data.putArray("tb");
        traceback(failure).forEach(tb::add);
        data.putArray("args").add(message);
        ObjectNode kwargs = data.putObject("kwargs");
        if (kind != null) {
            kind.kwargs().apply((NovaException) failure).forEach((k, v) -> kwargs.put(k, SecretGuard.mask(v)));
            kwargs.put("code", kind.code());
        }
        return PythonJson.dumps(data);
    }

    /**
     * The exception a {@code failure} string stands for.
     *
     * @throws MalformedMessage when the string is not a failure
     */
    public static RuntimeException decode(String failureJson) {
        JsonNode data;
        try {
            data = JSON.readTree(failureJson);
        } catch (JsonProcessingException e) {
            throw new MalformedMessage("a reply's failure is not JSON");
        }
        if (data == null || !data.isObject()) {
            throw new MalformedMessage("a reply's failure is not a JSON object");
        }
        String name = data.path("class").asText("");
        String module = data.path("module").asText("");
        String message = data.path("message").asText("");
        List<String> tb = new ArrayList<>();
        data.path("tb").forEach(line -> tb.add(line.asText()));
        Map<String, String> kwargs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = data.path("kwargs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            kwargs.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
        }
        RuntimeException typed = NovaExceptions.named(name, module).map(k -> rebuild(k, message, kwargs))
                .orElse(null);
        if (typed == null) {
            return new RemoteError(name, message, tb);
        }
        if (!tb.isEmpty()) {
            typed.addSuppressed(new RemoteTraceback(tb));
        }
        return typed;
    }

    /** A formatted exception from a peer that left out its kwarg cannot be rebuilt: oslo gives a RemoteError too. */
    private static RuntimeException rebuild(NovaExceptions.Kind kind, String message, Map<String, String> kwargs) {
        try {
            return kind.create().apply(message, kwargs);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Java's printStackTrace lines (causes included), one entry per line as Python's format_exception. */
    static List<String> traceback(Throwable failure) {
        List<String> lines = new ArrayList<>();
        String prefix = "";
        for (Throwable t = failure; t != null && lines.size() < MAX_TRACEBACK_LINES; t = t.getCause()) {
            lines.add(SecretGuard.mask(prefix + t) + "\n");
            for (StackTraceElement frame : t.getStackTrace()) {
                if (lines.size() >= MAX_TRACEBACK_LINES) {
                    break;
                }
                lines.add("\tat " + frame + "\n");
            }
            prefix = "Caused by: ";
            if (t.getCause() == t) {
                break;
            }
        }
        return lines;
    }
}
