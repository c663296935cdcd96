package dev.extos.io.internal;

import dev.extos.io.Hook;
import dev.extos.io.LoadedFilter;
import dev.extos.isa.MapSpec;
import dev.extos.vm.Executable;
import dev.extos.vm.maps.BpfMap;
import dev.extos.vm.maps.ProgramMaps;
import java.util.List;
import java.util.Optional;

/** A filter compiled into this JVM: the executable and the maps its runs see. */
record EmbeddedFilter(String name, Hook hook, Executable executable, int instructionCount, ProgramMaps programMaps,
                      long verificationNanos, EmbeddedDomain domain) implements LoadedFilter {

    @Override
    public List<MapSpec> maps() {
        return programMaps.all().stream().map(BpfMap::spec).toList();
    }

    @Override
    public Optional<BpfMap> map(String name) {
        return programMaps.byName(name);
    }

    @Override
    public String toString() {
        return name + " (" + hook.section() + ", " + instructionCount + " instructions)";
    }
}
