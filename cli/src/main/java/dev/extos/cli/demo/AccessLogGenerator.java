package dev.extos.cli.demo;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a realistic web server access log in Common Log Format (with referer and user agent,
 * as nginx and Apache write it), reproducibly from a seed. About 1% of the requests fail with
 * a 5xx status. Digits that look like a status (a "500" in a URL, a 500-byte response) appear
 * elsewhere on purpose, so that a filter that does not find the right field gets caught.
 */
public final class AccessLogGenerator {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);
    private static final Instant START = Instant.parse("2026-11-30T10:00:00Z");
    private static final String[] AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "Go-http-client/1.1",
    };
    private static final String[] WORDS = {"shoes", "error+500", "usb-c", "lamp", "5g+router", "gift", "desk", "http+503"};
    private static final String[] PAGES = {"/", "/cart", "/checkout", "/login", "/about", "/favicon.ico", "/robots.txt"};
    private static final String[] REFERERS = {"/", "/cart", "/checkout", "/search?q=lamp", "/products/desk-500"};

    /** What was written: lines, bytes, and how many lines have a 5xx status. */
    public record Summary(long lines, long bytes, long serverErrors) {
    }

    private final Random random;
    private final String[] addresses;
    private final StringBuilder line = new StringBuilder(320);
    private long millis;
    private long formattedSecond = Long.MIN_VALUE;
    private String formattedTime;

    private AccessLogGenerator(long seed) {
        random = new Random(seed);
        addresses = new String[4096];
        for (int i = 0; i < addresses.length; i++) {
            int host = 1 + random.nextInt(254);
            addresses[i] = switch (random.nextInt(5)) {
                case 0 -> "192.0.2." + host;
                case 1 -> "198.51.100." + host;
                case 2 -> "203.0.113." + host;
                case 3 -> "10.20." + random.nextInt(256) + "." + host;
                default -> "172.16." + random.nextInt(16) + "." + host;
            };
        }
    }

    /** Writes whole lines to {@code file} until the next one would pass {@code targetBytes}. */
    public static Summary write(Path file, long targetBytes, long seed) throws IOException {
        return write(file, targetBytes, seed, null);
    }

    /** Like {@link #write(Path, long, long)}, reporting the bytes written so far to {@code progress} (may be null). */
    public static Summary write(Path file, long targetBytes, long seed, Progress progress) throws IOException {
        Summary s = new AccessLogGenerator(seed).writeTo(file, targetBytes, progress);
        if (progress != null) {
            progress.done();
        }
        return s;
    }

    private Summary writeTo(Path file, long targetBytes, Progress progress) throws IOException {
        long lines = 0;
        long bytes = 0;
        long serverErrors = 0;
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            while (true) {
                int status = nextLine();
                if (bytes + line.length() > targetBytes) {
                    break;
                }
                out.append(line);
                bytes += line.length();
                lines++;
                if (progress != null && (lines & 0x3fff) == 0) {
                    progress.update(bytes);
                }
                if (status >= 500) {
                    serverErrors++;
                }
            }
        }
        return new Summary(lines, bytes, serverErrors);
    }

    /** Builds the next line, newline included, in {@link #line}; returns its status. */
    private int nextLine() {
        millis += random.nextInt(12);
        int kind = random.nextInt(100);
        String method = kind < 8 ? "POST" : kind < 9 ? "HEAD" : "GET";
        String path = method.equals("POST") ? postPath() : path(random.nextInt(10));
        int status = status(method);
        line.setLength(0);
        line.append(addresses[random.nextInt(addresses.length)]).append(" - ")
                .append(random.nextInt(20) == 0 ? "user" + random.nextInt(500) : "-")
                .append(" [").append(time()).append("] \"")
                .append(method).append(' ').append(path).append(random.nextInt(4) == 0 ? " HTTP/2.0" : " HTTP/1.1")
                .append("\" ").append(status).append(' ').append(size(status, path))
                .append(" \"").append(random.nextInt(5) < 2 ? "-" : "https://shop.example.com" + REFERERS[random.nextInt(REFERERS.length)])
                .append("\" \"").append(AGENTS[random.nextInt(AGENTS.length)]).append("\"\n");
        return status;
    }

    private String postPath() {
        return switch (random.nextInt(4)) {
            case 0 -> "/api/items/" + random.nextInt(100_000) + "/reviews";
            case 1 -> "/api/users/" + random.nextInt(50_000) + "/orders";
            case 2 -> "/login";
            default -> "/checkout";
        };
    }

    private String path(int kind) {
        return switch (kind) {
            case 0, 1, 2 -> "/api/items/" + random.nextInt(100_000);
            case 3 -> "/api/items/" + random.nextInt(100_000) + "/reviews?page=" + (1 + random.nextInt(5));
            case 4 -> "/api/users/" + random.nextInt(50_000) + "/orders";
            case 5 -> "/static/js/app." + Integer.toHexString(random.nextInt()) + ".js";
            case 6 -> "/images/products/" + random.nextInt(100_000) + "-500x500.jpg";
            case 7 -> "/search?q=" + WORDS[random.nextInt(WORDS.length)];
            default -> PAGES[random.nextInt(PAGES.length)];
        };
    }

    private int status(String method) {
        int r = random.nextInt(10_000);
        if (r < 100) {
            return r < 45 ? 500 : r < 70 ? 502 : r < 95 ? 503 : 504;
        }
        if (r < 400) {
            return 404;
        }
        if (r < 500) {
            return r < 450 ? 301 : 302;
        }
        if (r < 1100) {
            return 304;
        }
        if (r < 1300) {
            return r < 1200 ? 401 : r < 1250 ? 403 : 400;
        }
        return method.equals("POST") ? (r % 2 == 0 ? 201 : 204) : 200;
    }

    private String size(int status, String path) {
        if (status == 204 || status == 304) {
            return random.nextBoolean() ? "0" : "-";
        }
        if (status >= 300) {
            return Integer.toString(150 + random.nextInt(450));  // short error pages, often "500"-ish sizes
        }
        if (path.startsWith("/images/") || path.startsWith("/static/")) {
            return Integer.toString(5_000 + random.nextInt(300_000));
        }
        return Integer.toString(200 + random.nextInt(8_000));
    }

    private String time() {
        long second = millis / 1000;
        if (second != formattedSecond) {
            formattedSecond = second;
            formattedTime = TIME.format(START.plusSeconds(second));
        }
        return formattedTime;
    }
}
