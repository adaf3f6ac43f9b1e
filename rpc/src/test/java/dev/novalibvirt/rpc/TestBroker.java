package dev.novalibvirt.rpc;

import dev.novalibvirt.rpc.config.TransportUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real RabbitMQ the broker tests run against, named by a FILE that holds its transport URL (system property
 * {@code rpc.broker.url-file} or env {@code RPC_BROKER_URL_FILE}; the lab's rabbitmq.sh writes one, mode 0600), so
 * the password never reaches a command line. Without one the broker tests are skipped and unit builds stay
 * broker-free.
 */
public final class TestBroker {
    public static final String PROPERTY = "rpc.broker.url-file";
    public static final String ENV = "RPC_BROKER_URL_FILE";

    private TestBroker() {
    }

    public static Optional<Path> urlFile() {
        String v = System.getProperty(PROPERTY, System.getenv(ENV));
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(Path.of(v));
    }

    public static boolean configured() {
        return urlFile().isPresent();
    }

    public static TransportUrl url() {
        Path f = urlFile().orElseThrow();
        try {
            return TransportUrl.parse(Files.readString(f).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the broker's URL file " + f, e);
        }
    }

    /** The password, to check it appears nowhere. */
    public static String password() {
        return url().hosts().get(0).password();
    }
}
