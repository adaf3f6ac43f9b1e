package dev.novalibvirt.rbd.glance;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.novalibvirt.core.exception.Forbidden;
import dev.novalibvirt.core.exception.ImageNotFound;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.validation.Checks;
import dev.novalibvirt.core.validation.SafeText;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Minimal Glance v2 image API client: {@code GET /v2/images/{id}}. The token comes from a supplier (Keystone
 * is the caller's business) and is sent as {@code X-Auth-Token}; it never appears in messages.
 *
 * <p>Glance is a peer, not trusted: the whole exchange, body included, must finish within the timeout (a per-read
 * timeout alone lets a body trickling a byte a second run for ever), the JSON must be one object and nothing after
 * it, and the record must be of the image asked for.
 */
public final class GlanceClient {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /** The longest timeout accepted: beyond it a "timeout" is no limit at all (and overflows millisecond maths). */
    static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    private static final Pattern IMAGE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private final URI endpoint;
    private final Supplier<String> token;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param endpoint Glance's public endpoint, e.g. {@code http://glance:9292}
     * @param token    supplies a Keystone token (may return null for no-auth test deployments)
     * @param timeout  connect timeout, and the deadline of the whole request (body included)
     * @throws InvalidInput for an endpoint that is not an absolute http(s) URL without userinfo, query or fragment,
     *                      no token supplier, or a timeout not within 1 ms..1 h
     */
    public GlanceClient(URI endpoint, Supplier<String> token, Duration timeout) {
        this.endpoint = checkEndpoint(endpoint);
        this.token = Checks.required(token, "glance token supplier");
        Checks.required(timeout, "glance timeout");
        if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new InvalidInput("glance timeout " + timeout + " is not between 1 ms and " + MAX_TIMEOUT);
        }
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    // userinfo is refused, not stripped: it is where a careless operator puts a password, and messages name the URL
    private static URI checkEndpoint(URI endpoint) {
        Checks.required(endpoint, "glance endpoint");
        if (endpoint.getRawUserInfo() != null) {
            throw new InvalidInput("glance endpoint must not carry userinfo (credentials go in the token); the URL "
                    + "is not shown");
        }
        String scheme = endpoint.getScheme();
        if (!endpoint.isAbsolute() || !("http".equals(scheme) || "https".equals(scheme)) || endpoint.getHost() == null
                || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
            throw new InvalidInput("glance endpoint " + SafeText.quote(endpoint.toString()) + " is not an http(s) "
                    + "URL of a host without query or fragment, e.g. http://glance:9292");
        }
        return endpoint;
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
        Checks.matches(imageId, "glance image id", IMAGE_ID, "a Glance image id (1-64 of [A-Za-z0-9_-])");
        String base = endpoint.toString().replaceAll("/+$", "");
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + "/v2/images/" + imageId))
                .timeout(timeout).header("Accept", "application/json").GET();
        String t = token.get();
        if (t != null) {
            req.header("X-Auth-Token", Checks.noControlChars(t, "glance token"));
        }
        HttpResponse<String> resp = send(req.build(), base, imageId);
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
        GlanceImage image = parse(resp.body());
        if (!image.id().equals(imageId)) {
            throw new GlanceError("glance answered for image " + imageId + " with the record of another image (id "
                    + SafeText.quote(image.id()) + ")", status, null);
        }
        return image;
    }

    /** The exchange under one deadline: the request timeout alone stops counting once the headers are in. */
    private HttpResponse<String> send(HttpRequest request, String base, String imageId) {
        CompletableFuture<HttpResponse<String>> f = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new GlanceError("glance at " + base + " did not answer for image " + imageId + " within "
                    + shown(timeout) + " (the whole response, body included)", 0, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new GlanceError("Connection to glance at " + base + " failed: " + cause.getClass().getSimpleName(),
                    0, cause);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new GlanceError("interrupted while asking glance for image " + imageId, 0, e);
        }
    }

    private static String shown(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
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
