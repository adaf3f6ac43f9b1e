package dev.novalibvirt.core.ceph;

/**
 * The effective librbd cache settings of one RBD disk in one QEMU process, as {@code config show} on the
 * process's admin socket would report them, with a one-line reason.
 *
 * @param rbdCache                 effective {@code rbd_cache}
 * @param writethroughUntilFlush   effective {@code rbd_cache_writethrough_until_flush}
 * @param reason                   why, in one line (names the deciding cache mode, ceph.conf section or default)
 */
public record RbdCachePrediction(boolean rbdCache, boolean writethroughUntilFlush, String reason) {

    /** Same effective settings, whatever the reasons. */
    public boolean sameSettings(RbdCachePrediction other) {
        return rbdCache == other.rbdCache && writethroughUntilFlush == other.writethroughUntilFlush;
    }

    /** Short form: {@code rbd_cache=true rbd_cache_writethrough_until_flush=true}. */
    public String settings() {
        return "rbd_cache=" + rbdCache + " rbd_cache_writethrough_until_flush=" + writethroughUntilFlush;
    }
}
