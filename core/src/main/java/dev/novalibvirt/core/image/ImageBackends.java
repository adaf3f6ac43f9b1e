package dev.novalibvirt.core.image;

import dev.novalibvirt.core.exception.InvalidInput;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The registry that picks an {@link ImageBackend} by {@code [libvirt]images_type}; mirrors
 * {@code imagebackend.Backend.__init__}'s mapping (raw/flat, qcow2, lvm, rbd, ploop). Nova's {@code flat}
 * is an alias of {@code raw}. Only registered backends are served; an unknown type is a configuration error.
 */
public final class ImageBackends {

    private final Map<String, ImageBackend> byType;

    private ImageBackends(Map<String, ImageBackend> byType) {
        this.byType = byType;
    }

    /** A registry of the given backends, keyed by their {@link ImageBackend#imagesType()}. */
    public static ImageBackends of(ImageBackend... backends) {
        Map<String, ImageBackend> map = new LinkedHashMap<>();
        for (ImageBackend b : backends) {
            Objects.requireNonNull(b, "backend");
            String key = normalise(b.imagesType());
            if (map.putIfAbsent(key, b) != null) {
                throw new IllegalArgumentException("two backends for images_type " + key);
            }
        }
        return new ImageBackends(Map.copyOf(map));
    }

    /**
     * The backend for an {@code images_type} value.
     *
     * @throws InvalidInput when no backend serves it (Nova raises {@code RuntimeError("Unknown image_type")})
     */
    public ImageBackend forImagesType(String imagesType) {
        ImageBackend b = imagesType == null ? null : byType.get(normalise(imagesType));
        if (b == null) {
            throw new InvalidInput("unknown images_type '" + imagesType + "'; configured: " + byType.keySet());
        }
        return b;
    }

    /** The registered {@code images_type} values. */
    public Set<String> imagesTypes() {
        return byType.keySet();
    }

    private static String normalise(String type) {
        String t = type.trim().toLowerCase(Locale.ROOT);
        return t.equals("flat") ? "raw" : t;
    }
}
