package dev.extos.cli;

import dev.extos.isa.ExtosException;
import dev.extos.isa.Program;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The eBPF programs that ship inside the CLI as assembly text, assembled when they are used. */
final class BundledPrograms {
    /** The demo's filter: keeps access-log records whose status is 5xx. */
    static final String FILTER_5XX = "filter-5xx.s";

    private BundledPrograms() {
    }

    /** The assembly text of the bundled program {@code name}. */
    static String source(String name) {
        try (InputStream in = BundledPrograms.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new ExtosException("the bundled program " + name + " is missing from this build of extos");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ExtosException("cannot read the bundled program " + name + ": " + e.getMessage(), e);
        }
    }

    /** The bundled program {@code name}, assembled. */
    static Program load(String name) {
        return ProgramFiles.assemble(source(name), name);
    }
}
