package dev.novalibvirt.rbdlibvirt;

import dev.novalibvirt.core.ceph.CephConf;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.libvirt.driver.CephxKeySource;
import dev.novalibvirt.rbd.RbdConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
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
    /** Ceph's default {@code keyring} search list (keyring.bin left out: it is not the text format read here). */
    private static final List<String> CEPH_DEFAULTS = List.of("$cluster.$name.keyring", "$cluster.keyring", "keyring");

    /**
     * The keyring librados itself reads for {@code client.<rbd_user>}: the RbdConfig's own, else ceph.conf's
     * {@code keyring} option (a list; the first readable file wins), else the first readable of Ceph's default
     * paths under {@code etcCeph}. None at all is a source of no key (cephx may be off, or the secret is defined by
     * the operator).
     *
     * @throws InvalidConfiguration when a keyring is named (by RbdConfig or ceph.conf) but none of it is readable
     */
    static CephxKeySource resolve(RbdConfig rbd, CephConf cephConf, Path etcCeph) {
        String name = "client." + rbd.user();
        if (rbd.keyring().isPresent()) {
            Path p = rbd.keyring().get();
            if (!Files.isReadable(p)) {
                throw new InvalidConfiguration("RbdConfig keyring " + p + " of " + name + " is not readable");
            }
            return new KeyringKeySource(p, rbd.user());
        }
        Optional<CephConf.Setting> named = cephConf.lookup(name, "keyring");
        if (named.isPresent()) {
            return firstReadable(paths(named.get().value(), name), rbd.user())
                    .orElseThrow(() -> new InvalidConfiguration("[libvirt] images_rbd_ceph_conf " + rbd.cephConf()
                            + ": [" + named.get().section() + "] keyring = " + named.get().value()
                            + " names no readable keyring for " + name));
        }
        String defaults = String.join(",", CEPH_DEFAULTS.stream().map(d -> etcCeph.resolve(d).toString()).toList());
        return firstReadable(paths(defaults, name), rbd.user()).orElse(CephxKeySource.none());
    }

    /** Ceph's list separators (comma, semicolon, blanks) and the metavariables a client's keyring path uses. */
    private static List<Path> paths(String value, String name) {
        return Arrays.stream(value.split("[,;\\s]+")).filter(s -> !s.isEmpty())
                .map(s -> s.replace("$cluster", "ceph").replace("$name", name).replace("$type", "client")
                        .replace("$id", name.substring("client.".length())))
                .map(Path::of).toList();
    }

    private static Optional<CephxKeySource> firstReadable(List<Path> candidates, String user) {
        return candidates.stream().filter(Files::isReadable).findFirst().map(p -> new KeyringKeySource(p, user));
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
            throw new InvalidConfiguration("cannot read keyring " + keyring + ": " + e.getClass().getSimpleName());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfiguration("keyring " + keyring + ": the key of client." + user + " is not base64");
        }
    }
}
