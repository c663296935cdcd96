package dev.extos.io;

import dev.extos.isa.MapSpec;
import dev.extos.isa.Program;
import dev.extos.isa.asm.Assembler;
import java.io.IOException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.List;

/**
 * A place where pushed programs run on IO: this JVM ({@link ExtOS#embedded()}), later the
 * extosd daemon or the kernel. The interface is transport-neutral: programs go in as
 * instructions, files are named by path, results come back as buffers and statistics.
 */
public interface Domain extends AutoCloseable {
    /** A short name for logs ("embedded"). */
    String name();

    /**
     * Verifies {@code program} for {@code hook} with its {@code maps} (map i is {@code maps.get(i)})
     * and compiles it. Throws {@link ProgramRejectedException} with the verifier's message and log
     * when it cannot be proven safe.
     */
    LoadedFilter load(String name, Program program, Hook hook, List<MapSpec> maps);

    /** Loads a program that uses no maps. */
    default LoadedFilter load(String name, Program program, Hook hook) {
        return load(name, program, hook, List.of());
    }

    /** Assembles ExtOS assembly text and loads it; assembly errors name the line and column. */
    default LoadedFilter loadAssembly(String name, String assembly, Hook hook) {
        return load(name, Assembler.assemble(assembly), hook);
    }

    /**
     * Opens {@code path} for filtered IO with {@code framing}. Without options it is opened for
     * reading; pass {@code WRITE} (and {@code CREATE}) to write records too.
     */
    ExtFile open(Path path, Framing framing, OpenOption... options) throws IOException;

    /** Releases what the domain holds; loaded filters and open files must not be used afterwards. */
    @Override
    void close();
}
