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

    /** The domain inside this JVM, running programs with {@code engine}. */
    public static Domain embedded(Engine engine) {
        return new EmbeddedDomain(engine, EmbeddedDomain.DEFAULT_WINDOW);
    }
}
