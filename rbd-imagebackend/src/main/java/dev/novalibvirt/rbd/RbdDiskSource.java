package dev.novalibvirt.rbd;

import dev.novalibvirt.core.image.DiskConfigRequest;
import dev.novalibvirt.core.xml.NetworkDiskBuilder;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.rbd.rados.MonAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an RBD {@code <disk type='network'>} needs, decided by the backend (Nova's
 * {@code imagebackend.Rbd.libvirt_info}): {@code pool/name}, one host per current monitor (no brackets),
 * the cephx user and libvirt secret uuid when auth is configured, cache and discard modes. The driver
 * format is always raw.
 */
public record RbdDiskSource(String pool, String image, List<MonAddress> hosts, Optional<String> authUser,
                           Optional<String> secretUuid, String cacheMode, Optional<String> discard) {

    public RbdDiskSource {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(image, "image");
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(authUser, "authUser");
        Objects.requireNonNull(secretUuid, "secretUuid");
        Objects.requireNonNull(cacheMode, "cacheMode");
        Objects.requireNonNull(discard, "discard");
    }

    /**
     * The typed {@code <disk type='network' device='disk'>}: raw, this cache and discard mode, one
     * {@code <host>} per monitor, {@code <auth>} with the ceph secret when enabled, and the request's target
     * and boot order.
     */
    public Disk toDisk(DiskConfigRequest request) {
        NetworkDiskBuilder b = NetworkDiskBuilder.rbd(pool, image).format("raw").cache(cacheMode)
                .target(request.targetDev(), request.targetBus());
        for (MonAddress h : hosts) {
            b.host(h.host(), h.port());
        }
        discard.ifPresent(b::discard);
        if (authEnabled()) {
            b.username(authUser.orElseThrow(() -> new IllegalStateException("auth without a cephx user")))
                    .secretUuid(secretUuid.get());
        }
        if (request.bootOrder() != null) {
            b.bootOrder(request.bootOrder());
        }
        return b.build();
    }

    /** libvirt's {@code <source name='pool/image'>}. */
    public String name() {
        return pool + "/" + image;
    }

    /** Whether an {@code <auth>} element is due: Nova turns auth on when a secret uuid is configured. */
    public boolean authEnabled() {
        return secretUuid.isPresent();
    }
}
