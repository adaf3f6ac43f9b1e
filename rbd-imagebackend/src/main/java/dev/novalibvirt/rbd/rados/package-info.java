/**
 * Ceph cluster plumbing, reusable outside the image backend: {@link dev.novalibvirt.rbd.rados.RadosConnection}
 * (one owned, timeout-bounded, deterministically closed librados handle with per-pool IoCtx reuse),
 * {@link dev.novalibvirt.rbd.rados.MonCommands} (JSON mon commands such as {@code mon dump} or
 * {@code osd blocklist}) and the monmap model with v1/v2, IPv4/IPv6 address parsing
 * ({@link dev.novalibvirt.rbd.rados.MonMap}), and {@link dev.novalibvirt.rbd.rados.RbdError}, the typed errno
 * exceptions of every librados/librbd call, which the image backend above throws too. Depends on {@code core}
 * and {@code rbd.jna} only.
 */
package dev.novalibvirt.rbd.rados;
