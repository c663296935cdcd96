package dev.extos.vm.helpers;

import dev.extos.vm.AddressSpace;
import dev.extos.vm.MemoryFault;
import java.nio.charset.StandardCharsets;

/**
 * {@code trace_printk(fmt, fmt_size, a, b, c)} as the kernel formats it: the format must end with
 * a NUL within fmt_size bytes; conversions %d %i %u %x %X with optional l or ll (without them the
 * argument is 32 bits), %p (as 0x and hex), %s (a NUL-terminated string in program memory, at most
 * 256 bytes; "(fault)" if unreadable), %c and %%, with optional flags (- 0 + space) and a width;
 * at most three arguments. Anything else makes the call return -EINVAL, as the kernel does.
 */
final class TracePrintk {
    private TracePrintk() {
    }

    /** Thrown for a format the kernel would refuse. */
    private static final class BadFormat extends Exception {
        BadFormat() {
            super(null, null, false, false);
        }
    }

    private static final int MAX_STRING = 256;
    /** Longest format accepted, as the kernel bounds its format buffer. */
    static final int MAX_FORMAT = 1024;

    /** The formatted text, or null when the kernel would return -EINVAL. */
    static String format(AddressSpace memory, byte[] fmt, long[] args) {
        int end = 0;
        while (end < fmt.length && fmt[end] != 0) {
            end++;
        }
        if (end == fmt.length) {
            return null;
        }
        try {
            return format(memory, new String(fmt, 0, end, StandardCharsets.ISO_8859_1), args);
        } catch (BadFormat e) {
            return null;
        }
    }

    private static String format(AddressSpace memory, String f, long[] args) throws BadFormat {
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < f.length(); i++) {
            char ch = f.charAt(i);
            if (ch != '%') {
                out.append(ch);
                continue;
            }
            if (++i >= f.length()) {
                throw new BadFormat();
            }
            if (f.charAt(i) == '%') {
                out.append('%');
                continue;
            }
            StringBuilder spec = new StringBuilder("%");
            while (i < f.length() && "-0+ ".indexOf(f.charAt(i)) >= 0) {
                spec.append(f.charAt(i++));
            }
            while (i < f.length() && Character.isDigit(f.charAt(i))) {
                spec.append(f.charAt(i++));
            }
            int longs = 0;
            while (i < f.length() && f.charAt(i) == 'l' && longs < 2) {
                longs++;
                i++;
            }
            if (i >= f.length() || used == args.length) {
                throw new BadFormat();
            }
            char conv = f.charAt(i);
            long a = args[used++];
            String text = switch (conv) {
                case 'd', 'i' -> Long.toString(longs == 0 ? (int) a : a);
                case 'u' -> Long.toUnsignedString(longs == 0 ? a & 0xffffffffL : a);
                case 'x' -> Long.toHexString(longs == 0 ? a & 0xffffffffL : a);
                case 'X' -> Long.toHexString(longs == 0 ? a & 0xffffffffL : a).toUpperCase(java.util.Locale.ROOT);
                case 'p' -> longs == 0 ? "0x" + Long.toHexString(a) : bad();
                case 's' -> longs == 0 ? string(memory, a) : bad();
                case 'c' -> longs == 0 ? String.valueOf((char) (a & 0xff)) : bad();
                default -> bad();
            };
            out.append(pad(spec.toString(), text, conv));
        }
        return out.toString();
    }

    private static String bad() throws BadFormat {
        throw new BadFormat();
    }

    /** Applies flags and width to an already converted value. */
    private static String pad(String spec, String text, char conv) {
        if (spec.length() == 1) {
            return text;
        }
        boolean left = spec.indexOf('-') >= 0;
        boolean zero = spec.indexOf('0', 1) == 1 || spec.matches("%[-+ ]*0.*");
        boolean numeric = "diuxX".indexOf(conv) >= 0;
        if (numeric && (conv == 'd' || conv == 'i') && !text.startsWith("-")) {
            if (spec.indexOf('+') >= 0) {
                text = "+" + text;
            } else if (spec.indexOf(' ') >= 0) {
                text = " " + text;
            }
        }
        String digits = spec.replaceAll("[^0-9]", "").replaceFirst("^0+", "");
        int width = digits.isEmpty() ? 0 : Integer.parseInt(digits);
        if (text.length() >= width) {
            return text;
        }
        String fill = (zero && !left && numeric ? "0" : " ").repeat(width - text.length());
        if (left) {
            return text + fill;
        }
        if (fill.startsWith("0") && (text.startsWith("-") || text.startsWith("+") || text.startsWith(" "))) {
            return text.charAt(0) + fill + text.substring(1);
        }
        return fill + text;
    }

    private static String string(AddressSpace memory, long address) {
        StringBuilder s = new StringBuilder();
        try {
            for (int n = 0; n < MAX_STRING; n++) {
                int b = (int) memory.load8(address + n);
                if (b == 0) {
                    break;
                }
                s.append((char) b);
            }
        } catch (MemoryFault e) {
            return "(fault)";
        }
        return s.toString();
    }
}
