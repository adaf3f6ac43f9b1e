/**
 * A minimal Glance v2 client ({@code GET /v2/images/{id}}: disk format, locations, direct_url) so that
 * spawning can decide between an RBD clone and an import, like Nova's {@code imagebackend.Rbd.clone}.
 */
package dev.novalibvirt.rbd.glance;
