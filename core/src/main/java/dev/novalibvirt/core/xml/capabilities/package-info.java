/**
 * JAXB classes of libvirt's {@code <capabilities>} XML (formatcaps), only as far as the driver reads it: the host's
 * {@code <cpu>}. Everything else (guests, NUMA topology, security models, ...) is kept in place, unread.
 */
package dev.novalibvirt.core.xml.capabilities;
