package dev.extos.io.internal;

import dev.extos.io.Hook;
import dev.extos.io.LoadedFilter;
import dev.extos.isa.MapSpec;
import dev.extos.vm.Executable;
import java.util.List;

/** A filter compiled into this JVM: the executable, its hook's context layout, and its maps' declarations. */
record EmbeddedFilter(String name, Hook hook, Executable executable, ContextLayout layout, int instructionCount,
                      List<MapSpec> maps, long verificationNanos, EmbeddedDomain domain) implements LoadedFilter {
    EmbeddedFilter {
        maps = List.copyOf(maps);
    }

    @Override
    public String toString() {
        return name + " (" + hook.section() + ", " + instructionCount + " instructions)";
    }
}
