package dev.novalibvirt.rpc.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.novalibvirt.core.redaction.CephxKeyText;
import dev.novalibvirt.rpc.SecretInMessage;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Keeps secrets off the wire. Of core's contract types only {@code LibvirtLiveMigrateBDMInfo.connection_info_json}
 * could carry one (os-brick connection info may hold a {@code keyring} or {@code auth_password}), and a caller's
 * context could carry an {@code auth_token}; every outgoing tree is scanned anyway, strings that hold JSON objects
 * included: a field with a secret's name and a value, or any cephx key text, refuses the message. Free text that
 * must still be sent (a failure's message and traceback) gets cephx keys masked instead.
 */
public final class SecretGuard {
    private static final Set<String> SECRET_NAMES = Set.of("password", "passwd", "auth_password",
            "discovery_auth_password", "keyring", "key", "secret", "cephx_key", "auth_token", "token",
            "encryption_key");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SecretGuard() {
    }

    /** @throws SecretInMessage naming the path of the first secret found under {@code root} */
    public static void check(JsonNode node, String root) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String path = root + "." + field.getKey();
                JsonNode value = field.getValue();
                if (isSecretName(field.getKey()) && !value.isNull() && !(value.isTextual() && value.asText().isEmpty())) {
                    throw new SecretInMessage(path);
                }
                check(value, path);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), root + "[" + i + "]");
            }
        } else if (node.isTextual()) {
            checkText(node.asText(), root);
        }
    }

    private static void checkText(String text, String path) {
        if (CephxKeyText.contains(text)) {
            throw new SecretInMessage(path);
        }
        String t = text.strip();
        if (t.startsWith("{") && t.endsWith("}")) {
            try {
                check(JSON.readTree(t), path);
            } catch (JsonProcessingException e) {
                // not JSON after all: the key pattern was already checked
            }
        }
    }

    private static boolean isSecretName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return SECRET_NAMES.contains(n) || n.endsWith("_password") || n.endsWith("_secret") || n.endsWith("_token");
    }

    /** {@code text} with every cephx key masked, for texts that are sent regardless (failures). */
    public static String mask(String text) {
        return CephxKeyText.mask(text, "***");
    }
}
