/**
 * The compute-driver contract, its value types, nova.conf, Nova's exceptions, storage topology, the image-backend
 * SPI, Ceph client settings and the typed libvirt domain-XML model. Every package is API except
 * {@code core.validation}, the input checks shared with the library's other modules.
 */
// "module": the qualified export below names modules built after this one, so javac cannot see them here.
@SuppressWarnings("module")
module dev.novalibvirt.core {
    // The XML model's types carry JAXB annotations and DomainXmlException wraps JAXB's; embedders see them.
    requires transitive jakarta.xml.bind;
    // XmlCodec tunes the marshaller through the runtime's own classes (prefix mapper, UTF-8 output).
    requires org.glassfish.jaxb.runtime;
    // Loaded by name (XmlCodec); the JDK's parser is the fallback when it is absent.
    requires static com.ctc.wstx;
    // LibvirtLiveMigrateData is JSON with Nova's names (annotations on public types, so transitive).
    requires transitive com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.novalibvirt.core.ceph;
    exports dev.novalibvirt.core.config;
    exports dev.novalibvirt.core.driver;
    exports dev.novalibvirt.core.exception;
    exports dev.novalibvirt.core.image;
    exports dev.novalibvirt.core.redaction;
    exports dev.novalibvirt.core.topology;
    exports dev.novalibvirt.core.volume;
    exports dev.novalibvirt.core.xml;
    exports dev.novalibvirt.core.xml.capabilities;
    exports dev.novalibvirt.core.xml.domain;
    exports dev.novalibvirt.core.xml.secret;
    // Checks/SafeText/StrictJson: how this library validates and quotes input; not a promise to embedders.
    exports dev.novalibvirt.core.validation to dev.novalibvirt.migration, dev.novalibvirt.libvirt,
            dev.novalibvirt.rbd, dev.novalibvirt.rpc, dev.novalibvirt.cli, dev.novalibvirt.agent;

    // JAXB binds the model by reflection (fields, no-arg constructors); jakarta.xml.bind hands these opens on to
    // the runtime it loads, which is named as well so that either way works.
    opens dev.novalibvirt.core.xml to jakarta.xml.bind, org.glassfish.jaxb.runtime;
    opens dev.novalibvirt.core.xml.domain to jakarta.xml.bind, org.glassfish.jaxb.runtime;
    opens dev.novalibvirt.core.xml.secret to jakarta.xml.bind, org.glassfish.jaxb.runtime;
    opens dev.novalibvirt.core.xml.capabilities to jakarta.xml.bind, org.glassfish.jaxb.runtime;
    // Jackson (de)serialises the migrate data and the ceph facts it carries.
    opens dev.novalibvirt.core.driver to com.fasterxml.jackson.databind;
    opens dev.novalibvirt.core.ceph to com.fasterxml.jackson.databind;
}
