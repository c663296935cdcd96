package dev.extos.vm.conformance;

import dev.extos.isa.ExtosException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One case of the bpf_conformance suite, as written in its {@code .data} files: a program (as
 * {@code -- asm} text and/or {@code -- raw} words), optional input memory, and the expected r0
 * or the expected error.
 */
public record ConformanceCase(String name, Optional<String> asm, Optional<byte[]> raw, Optional<byte[]> memory,
                              Optional<Long> result, Optional<String> error) {

    /** Sections that carry only information for people; runners skip them. */
    private static final List<String> INFORMATIONAL = List.of("c", "no register offset");

    /** Reads and parses the file at {@code path}. */
    public static ConformanceCase read(Path path) {
        try {
            return parse(path.getFileName().toString(), Files.readString(path));
        } catch (IOException e) {
            throw new ExtosException("cannot read conformance case " + path + ": " + e, e);
        }
    }

    /** Parses the text of a {@code .data} file. */
    public static ConformanceCase parse(String name, String text) {
        Map<String, StringBuilder> sections = new LinkedHashMap<>();
        StringBuilder current = null;
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.startsWith("--")) {
                String section = line.substring(2).trim();
                if (!List.of("asm", "raw", "mem", "result", "error").contains(section) && !INFORMATIONAL.contains(section)) {
                    throw new ConformanceFormatException(name, n + 1, "unknown section '-- " + section + "'");
                }
                current = new StringBuilder();
                if (sections.put(section, current) != null) {
                    throw new ConformanceFormatException(name, n + 1, "section '-- " + section + "' appears twice");
                }
                continue;
            }
            if (current == null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    throw new ConformanceFormatException(name, n + 1, "text before the first section");
                }
                continue;
            }
            current.append(line).append('\n');
        }
        Optional<String> asm = Optional.ofNullable(sections.get("asm")).map(StringBuilder::toString);
        Optional<byte[]> raw = Optional.ofNullable(sections.get("raw")).map(s -> hexBytes(name, "raw", s.toString()));
        if (asm.isEmpty() && raw.isEmpty()) {
            throw new ConformanceFormatException(name, 0, "no program: the file has neither '-- asm' nor '-- raw'");
        }
        Optional<byte[]> memory = Optional.ofNullable(sections.get("mem")).map(s -> hexBytes(name, "mem", s.toString()));
        Optional<Long> result = Optional.ofNullable(sections.get("result")).map(s -> resultValue(name, s.toString()));
        Optional<String> error = Optional.ofNullable(sections.get("error")).map(s -> s.toString().strip());
        if (result.isEmpty() && error.isEmpty()) {
            throw new ConformanceFormatException(name, 0, "no expectation: the file has neither '-- result' nor '-- error'");
        }
        return new ConformanceCase(name, asm, raw, memory, result, error);
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return (hash >= 0 ? line.substring(0, hash) : line).strip();
    }

    /** Hex bytes ("aa bb") or little-endian 64-bit words ("0x1122334455667788"), one or more per line. */
    private static byte[] hexBytes(String name, String section, String text) {
        List<Byte> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String content = stripComment(line);
            if (content.isEmpty()) {
                continue;
            }
            for (String token : content.split("\\s+")) {
                try {
                    if (token.startsWith("0x") && token.length() > 4) {
                        long word = Long.parseUnsignedLong(token.substring(2), 16);
                        for (int i = 0; i < 8; i++) {
                            out.add((byte) (word >>> (8 * i)));
                        }
                    } else {
                        String hex = token.startsWith("0x") ? token.substring(2) : token;
                        if (hex.length() != 2) {
                            throw new NumberFormatException();
                        }
                        out.add((byte) Integer.parseInt(hex, 16));
                    }
                } catch (NumberFormatException e) {
                    throw new ConformanceFormatException(name, 0, "'-- " + section + "' has '" + token + "', which is not a hex byte or word");
                }
            }
        }
        byte[] bytes = new byte[out.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = out.get(i);
        }
        return bytes;
    }

    private static long resultValue(String name, String text) {
        for (String line : text.split("\n")) {
            String content = stripComment(line);
            if (!content.isEmpty()) {
                try {
                    return content.startsWith("0x") ? Long.parseUnsignedLong(content.substring(2), 16) : Long.parseLong(content);
                } catch (NumberFormatException e) {
                    throw new ConformanceFormatException(name, 0, "'-- result' is '" + content + "', not a number");
                }
            }
        }
        throw new ConformanceFormatException(name, 0, "'-- result' is empty");
    }

    /** A {@code .data} file that does not follow the format. */
    public static final class ConformanceFormatException extends ExtosException {
        public ConformanceFormatException(String file, int line, String reason) {
            super(file + (line > 0 ? ":" + line : "") + ": " + reason);
        }
    }
}
