package dev.novalibvirt.agent;

import dev.novalibvirt.libvirt.driver.CephxKeySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cephx key of {@code rbd_user} from the keyring the operator deployed on this host ({@code key = ...} of
 * section {@code [client.<user>]}), read fresh on every use so a rotated key is seen. Errors name the file, never
 * its content.
 */
record KeyringKeySource(Path keyring, String user) implements CephxKeySource {
    private static final Pattern SECTION = Pattern.compile("^\\s*\\[(.+)]\\s*$");
    private static final Pattern KEY = Pattern.compile("^\\s*key\\s*=\\s*(\\S+)\\s*$");

    /** The keyring librados would find by default for {@code user}, when it exists; else a source of no key. */
    static CephxKeySource forUser(Optional<Path> configured, String user) {
        Path p = configured.orElse(Path.of("/etc/ceph/ceph.client." + user + ".keyring"));
        return Files.isReadable(p) ? new KeyringKeySource(p, user) : CephxKeySource.none();
    }

    @Override
    public Optional<byte[]> cephxKey() {
        String section = null;
        try {
            for (String line : Files.readAllLines(keyring)) {
                Matcher s = SECTION.matcher(line);
                if (s.matches()) {
                    section = s.group(1).strip();
                    continue;
                }
                Matcher k = KEY.matcher(line);
                if (k.matches() && ("client." + user).equals(section)) {
                    return Optional.of(Base64.getDecoder().decode(k.group(1)));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read keyring " + keyring, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("keyring " + keyring + ": the key of client." + user + " is not base64");
        }
    }
}
