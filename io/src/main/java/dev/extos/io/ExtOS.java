package dev.extos.io;

import dev.extos.io.internal.EmbeddedDomain;
import dev.extos.vm.Engine;
import dev.extos.vm.Engines;

/** Entry point to ExtOS's domains. */
public final class ExtOS {
    private ExtOS() {
    }

    /** The domain inside this JVM, running programs with the JIT. */
    public static Domain embedded() {
        return embedded(Engines.jit());
    }

    /**
     * How this JVM searches for record delimiters: "vector (256-bit)" when it was started with
     * {@code --add-modules jdk.incubator.vector} (the {@code extos} launcher does this for the
     * commands that read data), "swar" (eight bytes at a time in plain arithmetic) otherwise.
     */
    public static String delimiterSearch() {
        return EmbeddedDomain.delimiterSearch();
    }

    /** The domain inside this JVM, running programs with {@code engine}. */
    public static Domain embedded(Engine engine) {
        return new EmbeddedDomain(engine, EmbeddedDomain.DEFAULT_WINDOW);
    }
}
