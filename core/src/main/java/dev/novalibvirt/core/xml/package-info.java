/**
 * A typed, lossless model of libvirt's domain and secret XML (JAXB), with builders and pure helpers.
 *
 * <ul>
 *   <li>{@link dev.novalibvirt.core.xml.DomainXml} / {@link dev.novalibvirt.core.xml.SecretXml}: parse and write,
 *       thread-safe; bad input raises {@link dev.novalibvirt.core.xml.DomainXmlException}.</li>
 *   <li>{@link dev.novalibvirt.core.xml.domain}: the model classes, one per libvirt element (javadoc names it).</li>
 *   <li>{@link dev.novalibvirt.core.xml.NetworkDiskBuilder}: RBD (and other network) disks with Nova's defaults.</li>
 *   <li>{@link dev.novalibvirt.core.xml.DomainRewrite}: Nova's migration rewrites chained on one working model.</li>
 *   <li>{@link dev.novalibvirt.core.xml.Domains}: find disks, tell image disks from volumes, one-step rewrites.</li>
 *   <li>{@link dev.novalibvirt.core.xml.CapabilitiesXml}: libvirt's capabilities, as far as the host CPU.</li>
 *   <li>{@link dev.novalibvirt.core.xml.XmlDiff}: semantic XML comparison used by the round-trip tests.</li>
 * </ul>
 *
 * <p><b>Lossless, in place.</b> Every element class keeps its children in ONE ordered list holding typed children
 * and {@link dev.novalibvirt.core.xml.domain.OtherElement}s for children it does not know, plus a map of attributes
 * it does not know. Parse-then-write therefore gives back every element, attribute and text in the original order
 * (whitespace between elements is re-indented; comments are not kept). A typed setter replaces its child where it stands; a child that was absent is inserted where
 * libvirt's formatter would put it.
 *
 * <p><b>Reading and writing.</b> A StAX reader fills the model and a string writer writes it, in the same layout
 * and with the same escapes JAXB uses; whatever they do not mirror exactly (a DOCTYPE, a namespace without a
 * prefix to reuse, a malformed document) goes through JAXB, which stays the reference (see FastPathTest in the tests).
 *
 * <p><b>Mutation style.</b> Model objects are mutable JAXB beans, so builders and callers may assemble them freely.
 * Shared helpers never mutate their input: {@link dev.novalibvirt.core.xml.Domains}'s {@code with...} methods
 * return a changed deep copy ({@link dev.novalibvirt.core.xml.DomainXml#copy}), finders return live objects of the
 * domain they are given. A {@link dev.novalibvirt.core.xml.DomainRewrite} changes only its own working model, which
 * no one else sees before it hands it over.
 */
package dev.novalibvirt.core.xml;
