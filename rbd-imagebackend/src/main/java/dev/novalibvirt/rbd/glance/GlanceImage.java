package dev.novalibvirt.rbd.glance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parts of a Glance v2 image record that the image backend uses.
 *
 * @param locations {@code locations[]} (needs {@code show_multiple_locations} or an admin token)
 * @param directUrl {@code direct_url} (needs {@code show_image_direct_url}), or null
 */
public record GlanceImage(String id, String status, String diskFormat, String containerFormat, Long sizeBytes,
                          String directUrl, List<Location> locations) {

    public GlanceImage {
        locations = List.copyOf(locations);
    }

    /** One image location: URL and store metadata. */
    public record Location(String url, Map<String, Object> metadata) {
        public Location {
            metadata = metadata == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
        }
    }

    /**
     * The candidate URLs for a clone: the locations in order, then {@code direct_url} if not already among
     * them (Nova's {@code _get_locations} does the same with {@code include_locations}).
     */
    public List<String> candidateUrls() {
        List<String> urls = new ArrayList<>();
        for (Location l : locations) {
            if (l.url() != null && !urls.contains(l.url())) {
                urls.add(l.url());
            }
        }
        if (directUrl != null && !urls.contains(directUrl)) {
            urls.add(directUrl);
        }
        return List.copyOf(urls);
    }
}
