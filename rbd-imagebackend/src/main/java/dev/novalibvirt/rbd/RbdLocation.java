package dev.novalibvirt.rbd;

import dev.novalibvirt.core.exception.ImageUnacceptable;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A Glance-on-RBD location {@code rbd://<fsid>/<pool>/<image>/<snapshot>}; mirrors Nova's
 * {@code rbd_utils.RBDDriver.parse_url} and the URL built by {@code imagebackend.Rbd.direct_snapshot}.
 * Parts are percent-decoded on parse and encoded on {@link #toString()}.
 */
public record RbdLocation(String fsid, String pool, String image, String snapshot) {

    public static final String SCHEME = "rbd://";

    /**
     * Validates the parts; the pool, image and snapshot must also be acceptable RBD names ({@link RbdNames}).
     *
     * @throws ImageUnacceptable for a blank or unsafe part
     */
    public RbdLocation {
        String shown = SCHEME + fsid + "/" + pool + "/" + image + "/" + snapshot;
        for (String part : new String[] {fsid, pool, image, snapshot}) {
            if (part == null || part.isBlank()) {
                throw new ImageUnacceptable(RbdNames.printable(shown), "Blank components");
            }
        }
        try {
            RbdNames.pool(pool);
            RbdNames.image(image);
            RbdNames.snapshot(snapshot);
        } catch (dev.novalibvirt.core.exception.InvalidInput e) {
            throw new ImageUnacceptable(RbdNames.printable(shown), e.getMessage());
        }
        if (!fsid.matches("[0-9a-fA-F-]{1,64}")) {
            throw new ImageUnacceptable(RbdNames.printable(shown), "fsid is not a uuid");
        }
    }

    /**
     * Parses {@code rbd://fsid/pool/image/snap}.
     *
     * @throws ImageUnacceptable "Not stored in rbd" (wrong scheme), "Not an rbd snapshot" (not exactly four
     *                           parts), "Blank components" (an empty part)
     */
    public static RbdLocation parse(String url) {
        if (url == null || !url.startsWith(SCHEME)) {
            throw new ImageUnacceptable(RbdNames.printable(url), "Not stored in rbd");
        }
        String[] pieces = url.substring(SCHEME.length()).split("/", -1);
        if (pieces.length != 4) {
            throw new ImageUnacceptable(RbdNames.printable(url), "Not an rbd snapshot");
        }
        String[] parts = new String[4];
        for (int i = 0; i < 4; i++) {
            try {
                parts[i] = URLDecoder.decode(pieces[i].replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ImageUnacceptable(RbdNames.printable(url), "bad percent-encoding");
            }
            if (parts[i].isBlank()) {
                throw new ImageUnacceptable(RbdNames.printable(url), "Blank components");
            }
        }
        return new RbdLocation(parts[0], parts[1], parts[2], parts[3]);
    }

    /** Whether a URL is an RBD location at all (scheme test only). */
    public static boolean isRbd(String url) {
        return url != null && url.startsWith(SCHEME);
    }

    @Override
    public String toString() {
        return SCHEME + enc(fsid) + "/" + enc(pool) + "/" + enc(image) + "/" + enc(snapshot);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
