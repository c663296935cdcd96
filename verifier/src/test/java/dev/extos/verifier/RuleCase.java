package dev.extos.verifier;

import dev.extos.isa.MapSpec;
import dev.extos.isa.MapType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One case of a rule table: a program, its type, its maps and the expected verdict (pc -1 = any pc). */
record RuleCase(String name, ProgramType type, List<MapSpec> maps, boolean accept, int pc, String reason, String asm) {

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
        return ProgramType.forSection(t);
    }

    /**
     * Reads a rules file: {@code === name | type | accept} or {@code === name | type | reject PC | reason},
     * then optional {@code map NAME TYPE KEY VALUE ENTRIES [ro]} lines (map i is the i-th such line),
     * then the assembly.
     */
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

    private static RuleCase make(String[] h, String body) {
        String name = h[0].trim();
        ProgramType type = parseType(h[1].trim());
        String verdict = h[2].trim();
        List<MapSpec> maps = new ArrayList<>();
        StringBuilder asm = new StringBuilder();
        for (String line : body.split("\n")) {
            if (line.startsWith("map ")) {
                maps.add(parseMap(line.substring(4).trim().split("\\s+")));
            } else {
                asm.append(line).append('\n');
            }
        }
        if (verdict.equals("accept")) {
            return new RuleCase(name, type, maps, true, -1, "", asm.toString());
        }
        String pc = verdict.substring("reject".length()).trim();
        return new RuleCase(name, type, maps, false, pc.equals("*") ? -1 : Integer.parseInt(pc), h[3].trim(), asm.toString());
    }

    /** {@code NAME TYPE KEY VALUE ENTRIES [ro]}, e.g. {@code counts hash 4 8 16} or {@code .rodata array 4 16 1 ro}. */
    private static MapSpec parseMap(String[] f) {
        MapType t = MapType.valueOf(f[1].toUpperCase(java.util.Locale.ROOT));
        boolean readOnly = f.length > 5 && f[5].equals("ro");
        return new MapSpec(f[0], t, Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]), 0, new byte[0], readOnly);
    }
}
