package dev.novalibvirt.migration.testlog;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.simple.SimpleServiceProvider;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The migration module's test logging backend (named by surefire's {@code slf4j.provider}): slf4j-simple's output,
 * plus a real MDC (slf4j-simple's is a no-op) and a record of every line with the MDC it was written under, so that
 * a test can read which keys each line carried.
 */
public final class CapturingProvider implements SLF4JServiceProvider {
    /** One log line as written. */
    public record Line(String thread, Level level, String logger, String message, Map<String, String> mdc) {
    }

    private static final List<Line> LINES = new CopyOnWriteArrayList<>();

    private final SimpleServiceProvider simple = new SimpleServiceProvider();
    private final BasicMDCAdapter mdc = new BasicMDCAdapter();
    private final BasicMarkerFactory markers = new BasicMarkerFactory();
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();

    /** Every line written so far (tests clear it first). */
    public static List<Line> lines() {
        return List.copyOf(LINES);
    }

    public static void clear() {
        LINES.clear();
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return name -> loggers.computeIfAbsent(name, n -> new Capturing(n, simple.getLoggerFactory().getLogger(n)));
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        simple.initialize();
    }

    private final class Capturing extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        private final transient Logger delegate;

        Capturing(String name, Logger delegate) {
            this.name = name;
            this.delegate = delegate;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String msg, Object[] args,
                                                   Throwable t) {
            String text = MessageFormatter.basicArrayFormat(msg, args);
            Map<String, String> context = mdc.getCopyOfContextMap();
            LINES.add(new Line(Thread.currentThread().getName(), level, name, text,
                    context == null ? Map.of() : Map.copyOf(context)));
            switch (level) {
                case ERROR -> delegate.error(text, t);
                case WARN -> delegate.warn(text, t);
                case INFO -> delegate.info(text, t);
                case DEBUG -> delegate.debug(text, t);
                default -> delegate.trace(text, t);
            }
        }

        @Override
        public boolean isTraceEnabled() {
            return delegate.isTraceEnabled();
        }

        @Override
        public boolean isDebugEnabled() {
            return true; // captured even when slf4j-simple would not print it
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }
}
