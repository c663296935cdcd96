package dev.extos.cli;

import dev.extos.vm.Engine;
import dev.extos.vm.Engines;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --engine NAME} into an engine, listing the names there are when the name is unknown. */
final class EngineConverter implements ITypeConverter<Engine> {
    @Override
    public Engine convert(String name) {
        try {
            return Engines.byName(name);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** The engine names, for help text and shell completion. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Engines.names().iterator();
        }
    }
}
