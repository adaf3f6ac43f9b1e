package dev.novalibvirt.conformance.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What every benchmark prints: a readable table, then as the LAST line {@code RESULT <name> key=value ...}
 * (the line scripts and the lead parse).
 *
 * <pre>{@code
 * BenchReport r = new BenchReport("xml", "case", "ours ms", "virsh ms", "ratio");
 * r.row("parse", 1.2, 30.5, 0.04);
 * r.result("parse_ratio", 0.04);
 * r.print(System.out);
 * }</pre>
 */
public final class BenchReport {
    private final String name;
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();
    private final Map<String, String> results = new LinkedHashMap<>();

    public BenchReport(String name, String... columns) {
        if (!name.matches("[a-z][a-z0-9_-]*")) {
            throw new IllegalArgumentException("benchmark name must be lower-case [a-z0-9_-]: " + name);
        }
        this.name = name;
        this.columns = List.of(columns);
    }

    /** Adds a table row; numbers are formatted with up to 3 decimals. */
    public BenchReport row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + columns.size() + " columns");
        }
        rows.add(Arrays.stream(cells).map(BenchReport::format).toList());
        return this;
    }

    /** Adds {@code key=value} to the RESULT line (keys are kept in insertion order). */
    public BenchReport result(String key, Object value) {
        if (!key.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("RESULT key must be [A-Za-z0-9_.-]+: " + key);
        }
        String v = format(value);
        if (v.isEmpty() || v.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("RESULT value must be one non-empty word: '" + v + "'");
        }
        results.put(key, v);
        return this;
    }

    public String resultLine() {
        return "RESULT " + name + results.entrySet().stream()
                .map(e -> " " + e.getKey() + "=" + e.getValue()).collect(Collectors.joining());
    }

    public String table() {
        int[] width = new int[columns.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = columns.get(i).length();
            for (List<String> row : rows) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, columns, width);
        appendRow(sb, Arrays.stream(width).mapToObj("-"::repeat).toList(), width);
        rows.forEach(row -> appendRow(sb, row, width));
        return sb.toString();
    }

    /** Prints the table and then the RESULT line, last. */
    public void print(PrintStream out) {
        out.println("== " + name + " ==");
        out.print(table());
        out.println(resultLine());
        out.flush();
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] width) {
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            // first column (labels) left-aligned, figures right-aligned
            sb.append(i == 0 ? String.format("%-" + width[i] + "s", cell) : String.format("%" + width[i] + "s", cell));
            sb.append(i + 1 < cells.size() ? "  " : "\n");
        }
    }

    static String format(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            String s = String.format(Locale.ROOT, "%.3f", d);
            return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        }
        return String.valueOf(value);
    }
}
