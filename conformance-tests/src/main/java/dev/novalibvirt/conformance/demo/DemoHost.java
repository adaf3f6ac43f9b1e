package dev.novalibvirt.conformance.demo;

import dev.novalibvirt.libvirt.driver.LibvirtDriver;

/**
 * A lab host of the demo.
 *
 * @param letter its letter in lab.env ({@code a}, {@code b})
 * @param driver its driver
 */
record DemoHost(String letter, LibvirtDriver driver) {
}
