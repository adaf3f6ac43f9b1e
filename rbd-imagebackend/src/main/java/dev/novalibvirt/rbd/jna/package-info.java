/**
 * Our own small JNA binding to {@code librbd.so.1} and {@code librados.so.2} for what rados-java 0.6.0 lacks
 * (parent spec, features, watchers, managed and advisory locks, direct-buffer and async writes, mon commands
 * with freed buffers). Handles come from rados-java ({@code RbdImage.getPointer()}, {@code IoCTX.getPointer()}).
 * Internal: callers use {@code dev.novalibvirt.rbd.RbdDriver}.
 */
package dev.novalibvirt.rbd.jna;
