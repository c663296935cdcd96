package dev.extos.bench;

import java.util.ArrayList;
import java.util.List;

/** Plain-text tables for the terminal: the first column left-aligned, the figures right-aligned. */
final class TextTable {
    private TextTable() {
    }

    /** {@code header} and {@code rows} as aligned lines, two spaces between columns. */
    static String format(String[] header, List<String[]> rows) {
        List<String[]> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        int[] width = new int[header.length];
        for (String[] line : all) {
            for (int c = 0; c < line.length; c++) {
                width[c] = Math.max(width[c], line[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] line : all) {
            for (int c = 0; c < line.length; c++) {
                String cell = c == 0 ? String.format("%-" + width[c] + "s", line[c]) : String.format("%" + width[c] + "s", line[c]);
                sb.append(c == 0 ? "" : "  ").append(cell);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
