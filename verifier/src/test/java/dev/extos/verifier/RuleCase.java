package dev.extos.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One case of a rule table: a program, its type and the expected verdict (pc -1 = any pc). */
record RuleCase(String name, ProgramType type, boolean accept, int pc, String reason, String asm) {

    @Override
    public String toString() {
        return name;
    }

    static ProgramType parseType(String t) {
        if (t.equals("xdp")) {
            return ProgramType.xdp();
        }
        if (t.startsWith("memory ")) {
            return ProgramType.memory(Long.parseLong(t.substring(7).trim()));
        }
        throw new IllegalArgumentException("unknown type " + t);
    }

    /** Reads a rules file: {@code === name | type | accept} or {@code === name | type | reject PC | reason}, then the assembly. */
    static List<RuleCase> load(String resource) {
        String text;
        try (InputStream in = RuleCase.class.getResourceAsStream(resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<RuleCase> out = new ArrayList<>();
        String[] header = null;
        StringBuilder asm = new StringBuilder();
        for (String line : (text + "\n=== end").split("\n")) {
            if (line.startsWith("===")) {
                if (header != null) {
                    out.add(make(header, asm.toString()));
                }
                header = line.substring(3).split("\\|");
                asm.setLength(0);
                if (line.equals("=== end")) {
                    break;
                }
            } else if (header != null && !line.startsWith("##")) {
                asm.append(line).append('\n');
            }
        }
        return out;
    }

    private static RuleCase make(String[] h, String asm) {
        String name = h[0].trim();
        ProgramType type = parseType(h[1].trim());
        String verdict = h[2].trim();
        if (verdict.equals("accept")) {
            return new RuleCase(name, type, true, -1, "", asm);
        }
        String pc = verdict.substring("reject".length()).trim();
        return new RuleCase(name, type, false, pc.equals("*") ? -1 : Integer.parseInt(pc), h[3].trim(), asm);
    }
}
