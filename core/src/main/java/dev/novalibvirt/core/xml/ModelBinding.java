package dev.novalibvirt.core.xml;

import dev.novalibvirt.core.xml.domain.XmlNode;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlTransient;
import jakarta.xml.bind.annotation.XmlValue;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;

/**
 * What {@link ModelReader} and {@link ModelWriter} need of one model class, read once from the same JAXB
 * annotations JAXB uses. The model uses a small subset (string {@code @XmlAttribute}s, one child list with
 * {@code @XmlElementRef}s and {@code @XmlAnyElement}, a string {@code @XmlValue}, the {@code @XmlAnyAttribute}
 * map); a class using anything else is marked unsupported and its documents go through JAXB.
 */
final class ModelBinding {

    /** Thrown (without a stack trace) where the fast path does not follow JAXB; the caller falls back to JAXB. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    private static final ClassValue<ModelBinding> BINDINGS = new ClassValue<>() {
        @Override
        protected ModelBinding computeValue(Class<?> type) {
            return new ModelBinding(type);
        }
    };

    private static final Field OTHER_ATTRIBUTES = otherAttributesField();

    final Class<?> type;
    /** The element name of {@code @XmlRootElement}, or null. */
    final String elementName;
    /** Why the class cannot go the fast way; null when it can. */
    final String unsupported;
    private final Constructor<?> constructor;
    /** Attribute names and fields in the order JAXB writes them: superclasses first, declaration order. */
    final String[] attributeNames;
    final Field[] attributeFields;
    private final Map<String, Field> attributes = new HashMap<>();
    /** The child list ({@code @XmlElementRef}s, {@code @XmlAnyElement}); null for text-only elements. */
    final Field content;
    /** The {@code @XmlValue} text; null for elements with children. */
    final Field value;
    private final Map<String, Class<?>> children = new HashMap<>();

    private ModelBinding(Class<?> type) {
        this.type = type;
        XmlRootElement root = type.getAnnotation(XmlRootElement.class);
        this.elementName = root == null ? null : root.name();
        List<String> names = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        Field contentField = null;
        Field valueField = null;
        String why = XmlNode.class.isAssignableFrom(type) ? null : "not an XmlNode";
        Deque<Class<?>> chain = new ArrayDeque<>();
        for (Class<?> c = type; c != null && c != XmlNode.class && c != Object.class; c = c.getSuperclass()) {
            chain.push(c);
        }
        for (Class<?> c : chain) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic() || f.isAnnotationPresent(XmlTransient.class)) {
                    continue;
                }
                XmlAttribute attribute = f.getAnnotation(XmlAttribute.class);
                if (attribute != null && f.getType() == String.class && "##default".equals(attribute.namespace())) {
                    names.add("##default".equals(attribute.name()) ? f.getName() : attribute.name());
                    fields.add(accessible(f));
                } else if (f.isAnnotationPresent(XmlValue.class) && f.getType() == String.class && valueField == null) {
                    valueField = accessible(f);
                } else if (f.getType() == List.class && contentField == null && f.isAnnotationPresent(XmlAnyElement.class)
                        && !f.getAnnotation(XmlAnyElement.class).lax()) {
                    contentField = accessible(f);
                    addChildren(f);
                } else {
                    why = "field " + c.getSimpleName() + "." + f.getName() + " is not a plain attribute, value or child list";
                }
            }
        }
        if (contentField != null && valueField != null) {
            why = "both text and children";
        }
        Constructor<?> ctor = null;
        try {
            ctor = type.getDeclaredConstructor();
            ctor.setAccessible(true);
        } catch (NoSuchMethodException | RuntimeException e) {
            why = "no no-argument constructor";
        }
        if (Modifier.isAbstract(type.getModifiers())) {
            why = "abstract";
        }
        this.constructor = ctor;
        this.attributeNames = names.toArray(new String[0]);
        this.attributeFields = fields.toArray(new Field[0]);
        for (int i = 0; i < attributeNames.length; i++) {
            attributes.put(attributeNames[i], attributeFields[i]);
        }
        this.content = contentField;
        this.value = valueField;
        this.unsupported = why;
    }

    static ModelBinding of(Class<?> type) {
        ModelBinding b = BINDINGS.get(type);
        if (b.unsupported != null) {
            throw new Unsupported(type.getName() + ": " + b.unsupported);
        }
        return b;
    }

    private void addChildren(Field f) {
        List<XmlElementRef> refs = new ArrayList<>();
        XmlElementRefs many = f.getAnnotation(XmlElementRefs.class);
        if (many != null) {
            refs.addAll(List.of(many.value()));
        }
        XmlElementRef one = f.getAnnotation(XmlElementRef.class);
        if (one != null) {
            refs.add(one);
        }
        for (XmlElementRef ref : refs) {
            XmlRootElement root = ref.type().getAnnotation(XmlRootElement.class);
            if (root != null) {
                children.put(root.name(), ref.type());
            }
        }
    }

    /**
     * The binding of a child element without namespace, or null if the model does not know it; throws
     * {@link Unsupported} for a child class the fast path cannot read.
     */
    ModelBinding child(String localName) {
        Class<?> type = children.get(localName);
        return type == null ? null : of(type);
    }

    /** The field of an attribute without namespace, or null. */
    Field attribute(String localName) {
        return attributes.get(localName);
    }

    Object newInstance() {
        try {
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new Unsupported("cannot create " + type.getName() + ": " + e);
        }
    }

    static Object get(Field f, Object bean) {
        try {
            return f.get(bean);
        } catch (IllegalAccessException e) {
            throw new Unsupported(e.toString());
        }
    }

    static void set(Field f, Object bean, Object value) {
        try {
            f.set(bean, value);
        } catch (IllegalAccessException e) {
            throw new Unsupported(e.toString());
        }
    }

    /** The bean's unknown-attribute map as stored (null when none was ever made). */
    @SuppressWarnings("unchecked")
    static Map<QName, String> otherAttributes(Object bean) {
        return (Map<QName, String>) get(OTHER_ATTRIBUTES, bean);
    }

    private static Field accessible(Field f) {
        f.setAccessible(true);
        return f;
    }

    private static Field otherAttributesField() {
        for (Field f : XmlNode.class.getDeclaredFields()) {
            if (f.isAnnotationPresent(XmlAnyAttribute.class)) {
                return accessible(f);
            }
        }
        throw new IllegalStateException("XmlNode has no @XmlAnyAttribute map");
    }
}
