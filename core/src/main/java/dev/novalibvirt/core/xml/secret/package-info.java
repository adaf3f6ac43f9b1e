/** JAXB classes of libvirt's {@code <secret>} XML (formatsecret): ceph and volume usage. */
package dev.novalibvirt.core.xml.secret;
