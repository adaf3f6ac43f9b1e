package dev.novalibvirt.core.xml;

import dev.novalibvirt.core.xml.secret.Secret;

/**
 * Reads and writes libvirt secret XML ({@code virSecretDefineXML} / {@code virSecretGetXMLDesc}). Thread-safe.
 * The XML never holds the secret value.
 */
public final class SecretXml {
    private SecretXml() {
    }

    public static Secret parse(String xml) {
        return XmlCodec.parse(xml, "secret", Secret.class, "secret");
    }

    public static String write(Secret secret) {
        return XmlCodec.write(secret, "secret");
    }
}
