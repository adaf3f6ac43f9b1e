package dev.novalibvirt.rpc.transport;

import dev.novalibvirt.rpc.ConfigurationError;
import dev.novalibvirt.rpc.config.RabbitSsl;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The JSSE context for {@link RabbitSsl}: trust from {@code ssl_ca_file} (else the JVM's CAs), the client's
 * certificate and key from {@code ssl_cert_file}/{@code ssl_key_file}, all PEM, read once at connect. Failures
 * name the option and the path, never what a file holds.
 */
final class AmqpTls {
    private static final String SECTION = "[oslo_messaging_rabbit] ";
    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN ([A-Z ]*)PRIVATE KEY-----([A-Za-z0-9+/=\\s]*)-----END \\1PRIVATE KEY-----");
    /** Generous: a CA bundle is a few hundred KiB; a larger file is not what the option means. */
    private static final long MAX_PEM_BYTES = 4L << 20;

    private AmqpTls() {
    }

    /** @throws ConfigurationError when a file is missing, unreadable, too large or not what its option expects */
    static SSLContext context(RabbitSsl ssl) {
        try {
            TrustManager[] trust = ssl.caFile() == null ? null : trustManagers(ssl.caFile());
            KeyManager[] keys = ssl.certFile() == null ? null : keyManagers(ssl.certFile(), ssl.keyFile());
            SSLContext context = SSLContext.getInstance(ssl.protocol());
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigurationError(SECTION + "TLS cannot be set up with these files: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private static TrustManager[] trustManagers(Path caFile) throws GeneralSecurityException {
        List<Certificate> cas = certificates("ssl_ca_file", caFile);
        KeyStore store = emptyStore();
        for (int i = 0; i < cas.size(); i++) {
            store.setCertificateEntry("ca-" + i, cas.get(i));
        }
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(store);
        return f.getTrustManagers();
    }

    private static KeyManager[] keyManagers(Path certFile, Path keyFile) throws GeneralSecurityException {
        List<Certificate> chain = certificates("ssl_cert_file", certFile);
        PrivateKey key = privateKey(keyFile);
        if (!belongsTo(key, chain.get(0))) {
            throw new ConfigurationError(SECTION + "ssl_key_file " + keyFile + " does not fit ssl_cert_file "
                    + certFile + " (the key is not the certificate's)");
        }
        // an in-memory store only: its password protects nothing outside this method
        char[] password = UUID.randomUUID().toString().toCharArray();
        KeyStore store = emptyStore();
        store.setKeyEntry("client", key, password, chain.toArray(Certificate[]::new));
        KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        f.init(store, password);
        return f.getKeyManagers();
    }

    /** Whether {@code key} signs what the certificate's public key verifies (a key store does not check it). */
    private static boolean belongsTo(PrivateKey key, Certificate cert) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        byte[] challenge = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;   // e.g. an EC key with an RSA certificate
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (IOException e) {
            throw new GeneralSecurityException("empty key store", e);
        }
    }

    static List<Certificate> certificates(String option, Path file) {
        byte[] pem = read(option, file);
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem));
            if (!certs.isEmpty()) {
                return new ArrayList<>(certs);
            }
        } catch (GeneralSecurityException e) {
            // reported below, without the parser's text (it may quote the file)
        }
        throw new ConfigurationError(SECTION + option + " " + file + " holds no PEM certificate");
    }

    /** An unencrypted PKCS#8 key ({@code BEGIN PRIVATE KEY}, openssl's default since 3.0): RSA or EC. */
    static PrivateKey privateKey(Path file) {
        String pem = new String(read("ssl_key_file", file), StandardCharsets.US_ASCII);
        Matcher m = PEM_KEY.matcher(pem);
        if (!m.find()) {
            throw new ConfigurationError(SECTION + "ssl_key_file " + file + " holds no PEM private key");
        }
        if (!m.group(1).isEmpty()) {
            throw new ConfigurationError(SECTION + "ssl_key_file " + file + " is a '" + m.group(1).strip()
                    + "' key; expected an unencrypted PKCS#8 key (BEGIN PRIVATE KEY; convert with "
                    + "'openssl pkcs8 -topk8 -nocrypt')");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError(SECTION + "ssl_key_file " + file + " is not valid base64 PEM");
        }
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new ConfigurationError(SECTION + "ssl_key_file " + file + " is no RSA, EC or Ed25519 PKCS#8 key");
    }

    private static byte[] read(String option, Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new ConfigurationError(SECTION + option + " " + file + " is not a readable file");
            }
            if (Files.size(file) > MAX_PEM_BYTES) {
                throw new ConfigurationError(SECTION + option + " " + file + " is larger than "
                        + (MAX_PEM_BYTES >> 20) + " MiB; expected a PEM file");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigurationError(SECTION + option + " " + file + " cannot be read: "
                    + e.getClass().getSimpleName());
        }
    }

    /** The TLS failure in {@code e}'s causes, if the failure was one. */
    static SSLException tlsCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException ssl) {
                return ssl;
            }
        }
        return null;
    }
}
