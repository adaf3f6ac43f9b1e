/**
 * JAXB classes of libvirt's {@code <domain>} XML (formatdomain), one per element; see
 * {@link dev.novalibvirt.core.xml} for the lossless design. All attributes are kept as the strings libvirt wrote
 * (typed getters convert), so values such as {@code slot='0x05'} survive a round trip unchanged.
 */
package dev.novalibvirt.core.xml.domain;
