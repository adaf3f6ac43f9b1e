/**
 * How key material is recognised in free text, so that every guard (exception quoting, the RPC secret check, the
 * CLI's output) masks the same thing; embedders may use it on their own log lines. It depends on nothing else in
 * the library.
 */
package dev.novalibvirt.core.redaction;
