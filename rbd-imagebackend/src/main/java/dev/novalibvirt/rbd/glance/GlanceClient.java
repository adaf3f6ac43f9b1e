package dev.novalibvirt.rbd.glance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.novalibvirt.core.exception.Forbidden;
import dev.novalibvirt.core.exception.ImageNotFound;
import dev.novalibvirt.core.exception.InvalidInput;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Minimal Glance v2 image API client: {@code GET /v2/images/{id}}. The token comes from a supplier (Keystone
 * is the caller's business) and is sent as {@code X-Auth-Token}; it never appears in messages.
 */
public final class GlanceClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern IMAGE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private final URI endpoint;
    private final Supplier<String> token;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param endpoint Glance's public endpoint, e.g. {@code http://glance:9292}
     * @param token    supplies a Keystone token (may return null for no-auth test deployments)
     * @param timeout  connect and request timeout
     */
    public GlanceClient(URI endpoint, Supplier<String> token, Duration timeout) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.token = Objects.requireNonNull(token, "token");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * The image record ({@code GET /v2/images/{id}}).
     *
     * @throws InvalidInput  for an id that is not a plain token
     * @throws ImageNotFound on 404
     * @throws Forbidden     on 401/403
     * @throws GlanceError   on any other failure
     */
    public GlanceImage getImage(String imageId) {
        if (imageId == null || !IMAGE_ID.matcher(imageId).matches()) {
            throw new InvalidInput("glance image id '" + imageId + "' is malformed");
        }
        String base = endpoint.toString().replaceAll("/+$", "");
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + "/v2/images/" + imageId))
                .timeout(timeout).header("Accept", "application/json").GET();
        String t = token.get();
        if (t != null) {
            req.header("X-Auth-Token", t);
        }
        HttpResponse<String> resp;
        try {
            resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GlanceError("Connection to glance at " + base + " failed: " + e.getClass().getSimpleName(), 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GlanceError("interrupted while asking glance for image " + imageId, 0, e);
        }
        int status = resp.statusCode();
        if (status == 404) {
            throw new ImageNotFound(imageId);
        }
        if (status == 401 || status == 403) {
            throw new Forbidden("glance refused access to image " + imageId + " (HTTP " + status + ")");
        }
        if (status / 100 != 2) {
            throw new GlanceError("glance answered HTTP " + status + " for image " + imageId, status, null);
        }
        return parse(resp.body());
    }

    static GlanceImage parse(String body) {
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (IOException e) {
            throw new GlanceError("glance returned malformed JSON", 0, e);
        }
        if (n == null || !n.isObject() || !n.hasNonNull("id")) {
            throw new GlanceError("glance returned no image record", 0, null);
        }
        List<GlanceImage.Location> locs = new ArrayList<>();
        for (JsonNode l : n.path("locations")) {
            if (l.hasNonNull("url")) {
                Map<String, Object> meta = new LinkedHashMap<>();
                l.path("metadata").fields().forEachRemaining(e -> meta.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class)));
                locs.add(new GlanceImage.Location(l.get("url").asText(), meta));
            }
        }
        return new GlanceImage(n.get("id").asText(), text(n, "status"), text(n, "disk_format"),
                text(n, "container_format"), n.hasNonNull("size") ? n.get("size").asLong() : null,
                text(n, "direct_url"), locs);
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
