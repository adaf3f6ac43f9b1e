package dev.novalibvirt.migration.logging;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * The SLF4J MDC of a migration: {@value #INSTANCE_UUID} and {@value #MIGRATION_ID} on every log line it causes,
 * whichever thread writes it. MDC is per thread, so a task handed to another thread carries a copy of its
 * submitter's context ({@link #propagating}); every change is undone afterwards, so that pooled threads do not
 * keep a finished migration's keys.
 */
public final class MigrationMdc {
    /** The instance's uuid (Nova logs it as {@code [instance: UUID]}). */
    public static final String INSTANCE_UUID = "instance_uuid";
    /** The task's migration id, as its journal records carry it. */
    public static final String MIGRATION_ID = "migration_id";

    private MigrationMdc() {
    }

    /** Runs {@code body} with both keys on this thread, then restores the thread's previous context. */
    public static <T> T call(String instanceUuid, String migrationId, Supplier<T> body) {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        MDC.put(INSTANCE_UUID, instanceUuid);
        MDC.put(MIGRATION_ID, migrationId);
        try {
            return body.get();
        } finally {
            restore(previous);
        }
    }

    /** {@link #call} for a body without a value. */
    public static void run(String instanceUuid, String migrationId, Runnable body) {
        call(instanceUuid, migrationId, () -> {
            body.run();
            return null;
        });
    }

    /** {@code runnable} with this thread's context, captured now, on whichever thread runs it. */
    public static Runnable propagating(Runnable runnable) {
        Objects.requireNonNull(runnable, "runnable");
        Map<String, String> captured = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> previous = install(captured);
            try {
                runnable.run();
            } finally {
                restore(previous);
            }
        };
    }

    /** {@code callable} with this thread's context, captured now. */
    public static <T> Callable<T> propagatingCall(Callable<T> callable) {
        Objects.requireNonNull(callable, "callable");
        Map<String, String> captured = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> previous = install(captured);
            try {
                return callable.call();
            } finally {
                restore(previous);
            }
        };
    }

    /** {@code supplier} with this thread's context, captured now. */
    public static <T> Supplier<T> propagatingSupplier(Supplier<T> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        Map<String, String> captured = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> previous = install(captured);
            try {
                return supplier.get();
            } finally {
                restore(previous);
            }
        };
    }

    /** An executor that runs each task with the context of the thread that submitted it. */
    public static Executor propagating(Executor executor) {
        Objects.requireNonNull(executor, "executor");
        return command -> executor.execute(propagating(command));
    }

    /** Sets {@code context} on this thread; returns the context it replaced. */
    private static Map<String, String> install(Map<String, String> context) {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        restore(context);
        return previous;
    }

    private static void restore(Map<String, String> context) {
        // a backend without MDC (slf4j-simple, NOP) answers null for the copy: clearing is then harmless
        if (context == null || context.isEmpty()) {
            MDC.clear();
        } else {
            MDC.setContextMap(new HashMap<>(context));
        }
    }
}
