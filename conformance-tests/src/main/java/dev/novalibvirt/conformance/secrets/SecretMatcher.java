package dev.novalibvirt.conformance.secrets;

import com.google.common.base.Ascii;
import com.google.common.base.CharMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds secrets in text, line by line, in every {@link SecretForms form}, and reports each with the line masked.
 * Longer forms are tried first, so the hex of a whole cephx key is named as such and not as its AES part.
 */
public final class SecretMatcher {
    private static final int MAX_REPORTED = 240;
    private static final int BEFORE = 100;

    private final List<Needle> needles;

    public SecretMatcher(List<Secret> secrets) {
        List<Needle> all = new ArrayList<>();
        secrets.forEach(s -> all.addAll(SecretForms.of(s)));
        all.sort(Comparator.comparingInt((Needle n) -> n.text().length()).reversed());
        this.needles = List.copyOf(all);
    }

    /** The hits of one line: one per secret form found (a line holding a key twice gives one hit). */
    public List<SecretHit> scanLine(String where, String line) {
        List<Needle> found = new ArrayList<>();
        String masked = apply(line, found);
        if (found.isEmpty()) {
            return List.of();
        }
        String shown = cut(CharMatcher.javaIsoControl().replaceFrom(masked, ' '), found.get(0).placeholder());
        return found.stream().map(n -> new SecretHit(where, n.secret().kind(), n.form(), shown)).toList();
    }

    /** The line with every secret it holds replaced by a placeholder naming the secret and its form. */
    public String mask(String line) {
        return apply(line, new ArrayList<>());
    }

    /** Replaces every needle in turn, longest first, adding those found to {@code found}. */
    private String apply(String line, List<Needle> found) {
        String masked = line;
        // Ascii.toLowerCase keeps every index where it is (String.toLowerCase may not, for some non-ASCII);
        // computed once per line and again only after a replacement: most lines hold nothing.
        String lower = null;
        for (Needle n : needles) {
            if (n.ignoreCase() && lower == null) {
                lower = Ascii.toLowerCase(masked);
            }
            String haystack = n.ignoreCase() ? lower : masked;
            if (haystack.contains(n.text())) {
                masked = replaceAll(masked, haystack, n);
                lower = null;
                found.add(n);
            }
        }
        return masked;
    }

    private static String replaceAll(String line, String haystack, Needle n) {
        StringBuilder out = new StringBuilder(line.length());
        int from = 0;
        for (int at = haystack.indexOf(n.text()); at >= 0; at = haystack.indexOf(n.text(), from)) {
            out.append(line, from, at).append(n.placeholder());
            from = at + n.text().length();
        }
        return out.append(line, from, line.length()).toString();
    }

    /** Long lines (a QEMU command line, a stack trace) are cut around the first placeholder. */
    private static String cut(String line, String firstPlaceholder) {
        if (line.length() <= MAX_REPORTED) {
            return line;
        }
        int at = Math.max(0, line.indexOf(firstPlaceholder));
        int start = Math.max(0, at - BEFORE);
        int end = Math.min(line.length(), start + MAX_REPORTED);
        return (start > 0 ? "..." : "") + line.substring(start, end) + (end < line.length() ? "..." : "");
    }
}
