package dev.novalibvirt.rbd.fence;

import dev.novalibvirt.core.exception.NovaException;
import java.util.List;

/**
 * Refusal to start a guest from an RBD image that another, unfenced Ceph client has open. Names the image
 * and every holder's address so an operator can find the other host (and fence it before evacuating).
 */
public class DiskInUse extends NovaException {
    private static final long serialVersionUID = 1L;

    private final String image;
    private final transient List<ImageHolder> holders;

    public DiskInUse(String instance, String image, List<ImageHolder> holders) {
        super("RBD image " + image + " of instance " + instance + " is in use by " + describe(holders)
                + "; refusing to start it here (fence the other host first)");
        this.image = image;
        this.holders = List.copyOf(holders);
    }

    public String image() {
        return image;
    }

    public List<ImageHolder> holders() {
        return holders;
    }

    /** The distinct holder addresses. */
    public List<String> holderAddresses() {
        return holders.stream().map(ImageHolder::address).distinct().toList();
    }

    private static String describe(List<ImageHolder> holders) {
        return String.join(", ", holders.stream().map(ImageHolder::toString).toList());
    }
}
