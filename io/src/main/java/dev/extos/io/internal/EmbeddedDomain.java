package dev.extos.io.internal;

import dev.extos.io.Domain;
import dev.extos.io.ExtFile;
import dev.extos.io.Framing;
import dev.extos.io.Hook;
import dev.extos.io.LoadedFilter;
import dev.extos.io.ProgramRejectedException;
import dev.extos.isa.Instruction;
import dev.extos.isa.MapSpec;
import dev.extos.isa.Program;
import dev.extos.verifier.HelperCatalog;
import dev.extos.verifier.HelperPrototype;
import dev.extos.verifier.Verdict;
import dev.extos.verifier.Verifier;
import dev.extos.verifier.VerifierOptions;
import dev.extos.vm.Engine;
import dev.extos.vm.HelperTable;
import dev.extos.vm.maps.MapAccount;
import dev.extos.vm.maps.ProgramMaps;
import java.io.IOException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.List;

/** The domain inside this JVM: the verifier, the chosen engine, and files read through mapped windows. */
public final class EmbeddedDomain implements Domain {
    /** Bytes of a file mapped at once; a region of the program's memory must stay below 4 GiB. */
    public static final long DEFAULT_WINDOW = 1L << 30;
    /** How newline framing searches in this JVM (see {@link dev.extos.io.ExtOS#delimiterSearch()}). */
    public static String delimiterSearch() {
        return Newlines.description();
    }

    /** Bytes of map memory the domain's filters may hold together. */
    public static final long DEFAULT_MAP_LIMIT = 1L << 30;

    private final Engine engine;
    private final long window;
    private final HelperTable helpers = HelperTable.standard();
    /** All maps of this domain's filters count against one account (DEFAULT_MAP_LIMIT). */
    private final MapAccount mapAccount = new MapAccount("embedded domain", DEFAULT_MAP_LIMIT);
    private final List<ProgramMaps> loadedMaps = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    /** A domain running programs with {@code engine} and mapping files {@code window} bytes at a time (tests use small windows). */
    public EmbeddedDomain(Engine engine, long window) {
        if (window < 16 || window >= 1L << 32) {
            throw new IllegalArgumentException("window of " + window + " bytes: must be at least 16 and below 4 GiB");
        }
        this.engine = engine;
        this.window = window;
    }

    @Override
    public String name() {
        return "embedded (" + engine.name() + ")";
    }

    @Override
    public LoadedFilter load(String name, Program program, Hook hook, List<MapSpec> maps) {
        Verdict verdict = Verifier.verify(program, hook.programType(), maps, VerifierOptions.DEFAULT);
        return switch (verdict) {
            case Verdict.Rejected r -> throw new ProgramRejectedException(name, r.message(), r.log());
            case Verdict.Accepted a -> {
                ProgramMaps created = ProgramMaps.create(maps, mapAccount);
                loadedMaps.add(created);
                yield new EmbeddedFilter(name, hook, engine.load(a.program(), helpers), program.instructions().size(),
                        created, a.stats().nanos(), this);
            }
        };
    }

    @Override
    public ExtFile open(Path path, Framing framing, OpenOption... options) throws IOException {
        if (framing instanceof Framing.Program p) {
            check(p.framer(), Hook.FRAME);
        }
        return new MappedExtFile(this, path, framing, window, options);
    }

    /** The filter as this domain's own, checked to be for {@code hook}; null stays null (keep everything). */
    EmbeddedFilter check(LoadedFilter filter, Hook hook) {
        if (filter == null) {
            return null;
        }
        if (!(filter instanceof EmbeddedFilter f) || f.domain() != this) {
            throw new IllegalArgumentException(filter.name() + " was loaded by another domain; load it into this one");
        }
        if (f.hook() != hook) {
            throw new IllegalArgumentException(f.name() + " was verified for " + f.hook().section() + ", not "
                    + hook.section());
        }
        return f;
    }

    @Override
    public void close() {
        // Compiled programs unload with their hidden classes when unreachable; the maps' memory is
        // given back to the account here (their contents stay readable to whoever still holds them).
        synchronized (loadedMaps) {
            loadedMaps.forEach(ProgramMaps::close);
            loadedMaps.clear();
        }
    }

    /** Bytes of map memory this domain's filters hold now. */
    public long mapBytes() {
        return mapAccount.used();
    }
}
