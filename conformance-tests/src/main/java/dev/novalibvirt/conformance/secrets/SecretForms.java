package dev.novalibvirt.conformance.secrets;

import com.google.common.escape.Escaper;
import com.google.common.io.BaseEncoding;
import com.google.common.net.PercentEscaper;
import com.google.common.net.UrlEscapers;
import com.google.common.xml.XmlEscapers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The forms in which a secret can leak into text. A cephx key: its base64 (as keyrings and libvirt secrets hold
 * it); the same URL-encoded (journal values, URIs, query strings: form, path-segment and strict percent
 * encoding) or JSON-escaped ({@code \/}); the hex of its decoded bytes and of the 16-byte AES key inside (a byte
 * dump, a debugger's view); the AES key alone in base64. A password: as it is, URL-encoded the same ways (a
 * transport_url) and XML-escaped (failsafe's XML reports). Forms equal to one already there are left out.
 */
final class SecretForms {
    /** The AES key is the last 16 bytes of a cephx key's 28. */
    private static final int AES_KEY_LENGTH = 16;

    private SecretForms() {
    }

    static List<Needle> of(Secret secret) {
        Map<String, String> forms = new LinkedHashMap<>();
        String v = secret.value();
        if (secret.type() == Secret.Type.CEPHX_KEY) {
            forms.put("base64", v);
            addEscaped(forms, "base64", v);
            putIfNew(forms, "base64, JSON-escaped", v.replace("/", "\\/"));
        } else {
            forms.put("as it is", v);
            addEscaped(forms, "", v);
        }
        List<Needle> needles = new ArrayList<>();
        forms.forEach((form, text) -> needles.add(new Needle(secret, form, text, false)));
        if (secret.type() == Secret.Type.CEPHX_KEY) {
            byte[] key = secret.keyBytes();
            needles.add(new Needle(secret, "hex of the key bytes", BaseEncoding.base16().encode(key), true));
            if (key.length > AES_KEY_LENGTH) {
                byte[] aes = Arrays.copyOfRange(key, key.length - AES_KEY_LENGTH, key.length);
                // The full key's hex contains this one: found either way, named by the longer form when it is.
                needles.add(new Needle(secret, "hex of the AES key", BaseEncoding.base16().encode(aes), true));
                needles.add(new Needle(secret, "AES key in base64",
                        BaseEncoding.base64().omitPadding().encode(aes), false));
            }
        }
        return List.copyOf(needles);
    }

    private static void addEscaped(Map<String, String> forms, String base, String v) {
        add(forms, join(base, "URL-encoded"), UrlEscapers.urlFormParameterEscaper(), v);
        add(forms, join(base, "URL-path-encoded"), UrlEscapers.urlPathSegmentEscaper(), v);
        add(forms, join(base, "percent-encoded"), new PercentEscaper("-._~", false), v);
        // failsafe's reports: failure messages in attributes, output in element text
        add(forms, join(base, "XML-escaped"), XmlEscapers.xmlAttributeEscaper(), v);
        add(forms, join(base, "XML-text-escaped"), XmlEscapers.xmlContentEscaper(), v);
    }

    private static String join(String base, String form) {
        return base.isEmpty() ? form : base + ", " + form;
    }

    /** Only forms that differ from the ones already there: a plain value needs no second needle. */
    private static void add(Map<String, String> forms, String name, Escaper escaper, String v) {
        putIfNew(forms, name, escaper.escape(v));
    }

    private static void putIfNew(Map<String, String> forms, String name, String text) {
        if (!forms.containsValue(text)) {
            forms.put(name, text);
        }
    }
}
