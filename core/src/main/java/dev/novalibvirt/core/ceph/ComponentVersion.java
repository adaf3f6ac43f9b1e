package dev.novalibvirt.core.ceph;

import dev.novalibvirt.core.validation.SafeText;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dotted version (QEMU 7.2.0, Ceph 16.2.15) as needed for behaviour switches. Accepts libvirt's packed
 * form (7002000 = 7.2.0, as returned by {@code virConnectGetVersion}) and strings such as
 * {@code "ceph version 16.2.15 (...) pacific (stable)"} or {@code "1:7.2+dfsg-7"}.
 */
public record ComponentVersion(int major, int minor, int micro) implements Comparable<ComponentVersion> {
    private static final Pattern DOTTED = Pattern.compile("(?:^|[^0-9.])(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    public ComponentVersion {
        if (major < 0 || minor < 0 || micro < 0) {
            throw new CephConfigException("version components must not be negative");
        }
    }

    public static ComponentVersion of(int major, int minor) {
        return new ComponentVersion(major, minor, 0);
    }

    /** libvirt's packed version number: major * 1,000,000 + minor * 1,000 + micro. */
    public static ComponentVersion fromPacked(long packed) {
        if (packed < 0 || packed / 1_000_000 > Integer.MAX_VALUE) {
            throw new CephConfigException("packed version " + packed + " is not in 0.." + Integer.MAX_VALUE
                    + "999999 (major * 1,000,000 + minor * 1,000 + micro)");
        }
        return new ComponentVersion((int) (packed / 1_000_000), (int) (packed / 1_000 % 1_000), (int) (packed % 1_000));
    }

    /** The first dotted version in {@code text}; an epoch prefix such as {@code 1:} is skipped. */
    public static ComponentVersion parse(String text) {
        if (text != null) {
            String t = text.strip().replaceFirst("^\\d+:", "");
            Matcher m = DOTTED.matcher(t);
            if (m.find()) {
                try {
                    return new ComponentVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                            m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
                } catch (NumberFormatException e) {
                    throw new CephConfigException("version " + SafeText.quote(text)
                            + " has a component larger than " + Integer.MAX_VALUE);
                }
            }
        }
        throw new CephConfigException("not a version (major.minor[.micro]): " + SafeText.quote(text));
    }

    public boolean atLeast(int maj, int min) {
        return compareTo(of(maj, min)) >= 0;
    }

    @Override
    public int compareTo(ComponentVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(micro, o.micro);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + micro;
    }
}
