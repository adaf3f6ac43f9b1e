package dev.novalibvirt.rbd;

import java.util.List;

/** The advisory lockers of an image: exclusive or shared (then with a tag), and who holds them. */
public record Lockers(boolean exclusive, String tag, List<Locker> lockers) {
    public Lockers {
        lockers = List.copyOf(lockers);
    }

    /** No advisory locks. */
    public static Lockers none() {
        return new Lockers(false, "", List.of());
    }
}
