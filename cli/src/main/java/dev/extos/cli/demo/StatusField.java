package dev.extos.cli.demo;

/** The Java way to find a 5xx status in an access-log line: what an application reading every line would write. */
public final class StatusField {
    private StatusField() {
    }

    /** How far into a line {@code filter-5xx.s} looks for the end of the request. */
    public static final int SCAN_LIMIT = 1024;

    /**
     * Whether the status after the quoted request is 5xx. Same rule as {@code filter-5xx.s}: the
     * first {@code "} followed by a space, starting within the first {@value #SCAN_LIMIT} bytes,
     * closes the request; three digits follow, starting with 5, then a space or the end of the line.
     */
    public static boolean isServerError(String line) {
        int quote = line.indexOf("\" ");
        if (quote < 0 || quote >= SCAN_LIMIT || quote + 5 > line.length()) {
            return false;
        }
        return line.charAt(quote + 2) == '5' && isDigit(line.charAt(quote + 3)) && isDigit(line.charAt(quote + 4))
                && (quote + 5 == line.length() || line.charAt(quote + 5) == ' ');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
