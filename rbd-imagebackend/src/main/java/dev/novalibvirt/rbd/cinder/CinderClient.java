package dev.novalibvirt.rbd.cinder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.novalibvirt.core.exception.Forbidden;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.exception.NotFound;
import dev.novalibvirt.core.exception.VolumeAttachmentNotFound;
import dev.novalibvirt.core.exception.VolumeNotFound;
import dev.novalibvirt.core.validation.Checks;
import dev.novalibvirt.core.volume.HostConnector;
import dev.novalibvirt.core.volume.VolumeApi;
import dev.novalibvirt.core.volume.VolumeAttachment;
import dev.novalibvirt.core.volume.VolumeConnectionInfo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Cinder's v3 attachments API, as Nova's {@code nova.volume.cinder.API} calls it at microversion 3.44:
 * {@code POST /attachments}, {@code PUT /attachments/{id}}, {@code POST /attachments/{id}/action}
 * ({@code os-complete}) and {@code DELETE /attachments/{id}}, each with {@code OpenStack-API-Version: volume 3.44}.
 * The token comes from a supplier and is sent as {@code X-Auth-Token}; it never appears in messages, and neither do
 * response bodies (a connection may carry a keyring). The connection info of an answer is translated as Nova's
 * {@code _translate_attachment_ref} does (the flat map becomes {@code driver_volume_type} plus {@code data}), and
 * gets the volume id as its serial, as Nova's block device does on attach.
 */
public final class CinderClient implements VolumeApi {
    /** The microversion Nova's attachment calls use. */
    public static final String MICROVERSION = "volume 3.44";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern MOUNTPOINT = Pattern.compile("/dev/[a-z]{1,4}[a-z0-9]{0,12}");
    private static final int MAX_BODY_CHARS = 1 << 20;

    private final String base;
    private final Supplier<String> token;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param endpoint Cinder's v3 endpoint with the project, as the catalog lists it, e.g.
     *                 {@code http://cinder:8776/v3/<project_id>}
     * @param token    supplies a Keystone token (may return null for no-auth test deployments)
     * @param timeout  connect and request timeout
     */
    public CinderClient(URI endpoint, Supplier<String> token, Duration timeout) {
        Objects.requireNonNull(endpoint, "endpoint");
        this.base = endpoint.toString().replaceAll("/+$", "");
        this.token = Objects.requireNonNull(token, "token");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public VolumeAttachment attachmentCreate(String volumeId, String instanceUuid, HostConnector connector,
                                             String mountpoint) {
        id(volumeId, "volume id");
        Checks.matches(instanceUuid, "instance uuid", Checks.ANY_CASE_UUID, "a uuid");
        ObjectNode attachment = JSON.createObjectNode();
        attachment.put("volume_uuid", volumeId);
        attachment.put("instance_uuid", instanceUuid);
        if (connector != null) {
            attachment.set("connector", connector(connector, mountpoint));
        }
        JsonNode answer = send("POST", "/attachments", wrap(attachment), VolumeNotFound::new, volumeId);
        return attachment(answer);
    }

    @Override
    public VolumeAttachment attachmentUpdate(String attachmentId, HostConnector connector, String mountpoint) {
        id(attachmentId, "attachment id");
        Checks.required(connector, "volume connector");
        ObjectNode attachment = JSON.createObjectNode();
        attachment.set("connector", connector(connector, mountpoint));
        JsonNode answer = send("PUT", "/attachments/" + attachmentId, wrap(attachment), VolumeAttachmentNotFound::new,
                attachmentId);
        return attachment(answer);
    }

    @Override
    public void attachmentComplete(String attachmentId) {
        id(attachmentId, "attachment id");
        ObjectNode body = JSON.createObjectNode();
        body.putNull("os-complete");
        send("POST", "/attachments/" + attachmentId + "/action", body, VolumeAttachmentNotFound::new, attachmentId);
    }

    @Override
    public void attachmentDelete(String attachmentId) {
        id(attachmentId, "attachment id");
        send("DELETE", "/attachments/" + attachmentId, null, VolumeAttachmentNotFound::new, attachmentId);
    }

    private static void id(String value, String field) {
        Checks.matches(value, field, ID, "a Cinder id (1-64 of [A-Za-z0-9_-])");
    }

    private static ObjectNode wrap(ObjectNode attachment) {
        ObjectNode body = JSON.createObjectNode();
        body.set("attachment", attachment);
        return body;
    }

    /** os-brick's connector properties; Nova adds the mountpoint to the connector it sends. */
    private static ObjectNode connector(HostConnector c, String mountpoint) {
        ObjectNode n = JSON.createObjectNode();
        n.put("ip", c.ip());
        n.put("host", c.host());
        n.put("multipath", c.multipath());
        n.put("platform", c.platform());
        n.put("os_type", c.osType());
        n.put("do_local_attach", false);
        if (mountpoint != null) {
            n.put("mountpoint", Checks.matches(mountpoint, "mountpoint", MOUNTPOINT, "a guest device such as /dev/vdb"));
        }
        return n;
    }

    private JsonNode send(String method, String path, JsonNode body, Function<String, NotFound> notFound,
                          String what) {
        HttpRequest.BodyPublisher publisher;
        try {
            publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request tree is always serialisable", e);
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Accept", "application/json").header("OpenStack-API-Version", MICROVERSION)
                .method(method, publisher);
        if (body != null) {
            req.header("Content-Type", "application/json");
        }
        String t = token.get();
        if (t != null) {
            req.header("X-Auth-Token", t);
        }
        HttpResponse<String> resp;
        try {
            resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CinderConnectionFailed(method + " " + base + path + ": " + e.getClass().getSimpleName(), 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CinderConnectionFailed("interrupted during " + method + " " + path, 0, e);
        }
        int status = resp.statusCode();
        if (status == 404) {
            throw notFound.apply(what);
        }
        if (status == 401 || status == 403) {
            throw new Forbidden("cinder refused " + method + " " + path + " (HTTP " + status + ")");
        }
        if (status == 400) {
            throw new InvalidInput("cinder refused " + method + " " + path + " as a bad request (HTTP 400)");
        }
        if (status / 100 != 2) {
            throw new CinderConnectionFailed("cinder answered HTTP " + status + " to " + method + " " + path, status,
                    null);
        }
        String text = resp.body();
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_BODY_CHARS) {
            throw new CinderConnectionFailed("cinder's answer to " + method + " " + path + " is larger than "
                    + MAX_BODY_CHARS + " characters", status, null);
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CinderConnectionFailed("cinder answered " + method + " " + path + " with malformed JSON",
                    status, null);
        }
    }

    /** The {@code attachment} of an answer, its connection info translated as Nova's cinder API does. */
    static VolumeAttachment attachment(JsonNode answer) {
        JsonNode a = answer == null ? null : answer.get("attachment");
        if (a == null || !a.isObject()) {
            throw new CinderConnectionFailed("cinder's answer has no attachment record", 200, null);
        }
        String volumeId = text(a, "volume_id");
        VolumeConnectionInfo info = null;
        JsonNode ci = a.get("connection_info");
        if (ci != null && ci.isObject() && !ci.isEmpty()) {
            info = VolumeConnectionInfo.fromTree(translate((ObjectNode) ci)).withSerial(volumeId);
        }
        return new VolumeAttachment(text(a, "id"), volumeId, text(a, "instance"), text(a, "status"),
                text(a, "attach_mode"), info);
    }

    /** {@code _translate_attachment_ref}: {@code driver_volume_type} on top, the rest (but the id) as data. */
    private static ObjectNode translate(ObjectNode flat) {
        ObjectNode data = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = flat.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("driver_volume_type") && !e.getKey().equals("attachment_id")) {
                data.set(e.getKey(), e.getValue());
            }
        }
        ObjectNode out = JSON.createObjectNode();
        out.set("driver_volume_type", flat.get("driver_volume_type"));
        out.set("data", data);
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isTextual() ? null : v.textValue();
    }
}
