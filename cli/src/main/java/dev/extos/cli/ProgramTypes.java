package dev.extos.cli;

import dev.extos.isa.ExtosException;
import dev.extos.verifier.ProgramType;
import java.util.List;
import java.util.Locale;

/** The program types a user names with {@code --type}. */
final class ProgramTypes {
    /** The names {@link #byName} accepts. */
    static final List<String> NAMES = List.of("memory", "xdp", "read", "write", "frame");

    private ProgramTypes() {
    }

    /** The type called {@code name}; {@code memSize} is the buffer size of the memory type. */
    static ProgramType byName(String name, long memSize) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "memory" -> {
                if (memSize < 0 || memSize > 0xffffffffL) {
                    throw new ExtosException("--mem-size must be between 0 and 4294967295, not " + memSize);
                }
                yield ProgramType.memory(memSize);
            }
            case "xdp" -> ProgramType.xdp();
            case "read", "extos/read" -> ProgramType.extosRead();
            case "write", "extos/write" -> ProgramType.extosWrite();
            case "frame", "extos/frame" -> ProgramType.extosFrame();
            default -> throw new ExtosException("no program type '" + name + "' (types: " + String.join(", ", NAMES) + ")");
        };
    }
}
