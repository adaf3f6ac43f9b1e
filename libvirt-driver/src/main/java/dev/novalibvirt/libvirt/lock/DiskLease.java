package dev.novalibvirt.libvirt.lock;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A sanlock lease: libvirt's {@code <lease>} device element ({@code <lockspace>}, {@code <key>},
 * {@code <target path offset>}) and sanlock's resource string {@code LOCKSPACE:KEY:PATH:OFFSET}.
 *
 * <p>libvirt's automatic disk leases live in the lockspace {@value #AUTO_DISK_LOCKSPACE}; the key is the
 * lower-case hex MD5 of the disk's path and the lease file is {@code disk_lease_dir/KEY}.
 */
public record DiskLease(String lockspace, String key, Path target, long offset) {
    public static final String AUTO_DISK_LOCKSPACE = "__LIBVIRT__DISKS__";
    /** sanlock names are at most 48 bytes (SANLK_NAME_LEN). */
    static final int MAX_NAME = 48;

    public DiskLease {
        checkName("lockspace", lockspace);
        checkName("key", key);
        if (target == null) {
            throw new LockConfigException("lease target is required (got null)");
        }
        if (!target.isAbsolute() || target.toString().contains(":")) {
            throw new LockConfigException("lease target must be an absolute path without ':': " + target);
        }
        if (offset < 0 || offset % 512 != 0) {
            throw new LockConfigException("lease offset must be a non-negative multiple of 512, got " + offset);
        }
    }

    /** The lease libvirt's sanlock plugin takes for a disk when {@code auto_disk_leases = 1}. */
    public static DiskLease auto(Path leaseDir, String diskPath) {
        if (leaseDir == null || diskPath == null) {
            throw new LockConfigException((leaseDir == null ? "lease dir" : "disk path") + " is required (got null)");
        }
        String key = md5Hex(diskPath);
        return new DiskLease(AUTO_DISK_LOCKSPACE, key, leaseDir.resolve(key), 0);
    }

    /** {@code LOCKSPACE:KEY:PATH:OFFSET}, as {@code sanlock client} takes it with {@code -r}. */
    public String sanlockResource() {
        return lockspace + ":" + key + ":" + target + ":" + offset;
    }

    /** The {@code <lease>} element for a domain's {@code <devices>}. */
    public String toXml() {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element lease = doc.createElement("lease");
            append(doc, lease, "lockspace").setTextContent(lockspace);
            append(doc, lease, "key").setTextContent(key);
            Element t = append(doc, lease, "target");
            t.setAttribute("path", target.toString());
            t.setAttribute("offset", Long.toString(offset));
            doc.appendChild(lease);
            var tf = TransformerFactory.newInstance().newTransformer();
            tf.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            tf.setOutputProperty(OutputKeys.INDENT, "no");
            StringWriter out = new StringWriter();
            tf.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("JDK XML support is broken", e);
        }
    }

    private static Element append(Document doc, Element parent, String name) {
        Element e = doc.createElement(name);
        parent.appendChild(e);
        return e;
    }

    static String md5Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by the JDK", e);
        }
    }

    private static void checkName(String what, String v) {
        if (v == null || v.isEmpty() || v.length() > MAX_NAME || v.contains(":") || v.contains("/")
                || v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new LockConfigException("sanlock " + what + " must be 1.." + MAX_NAME
                    + " characters without ':', '/' or control characters");
        }
    }
}
