package dev.extos.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a byte count such as {@code 200k}, {@code 64m} or {@code 1g} (binary units: k = 1024). */
final class SizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        // Accept the spellings people type: 64m, 64M, 64MB, 64MiB.
        s = s.endsWith("ib") ? s.substring(0, s.length() - 2) : s.endsWith("b") ? s.substring(0, s.length() - 1) : s;
        int shift = 0;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'k' -> shift = 10;
                case 'm' -> shift = 20;
                case 'g' -> shift = 30;
                default -> { }
            }
        }
        String digits = shift == 0 ? s : s.substring(0, s.length() - 1);
        long n;
        try {
            n = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a size: write a number of bytes with an optional"
                    + " k, m or g suffix, e.g. 200k or 64m");
        }
        if (n <= 0 || n > (Long.MAX_VALUE >> shift)) {
            throw new TypeConversionException("'" + text + "' is not a size this demo can write: it must be positive"
                    + " and at most a few terabytes");
        }
        return n << shift;
    }
}
