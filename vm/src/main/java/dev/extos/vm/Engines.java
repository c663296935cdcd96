package dev.extos.vm;

import dev.extos.vm.interp.Interpreter;
import dev.extos.vm.jit.JitCompiler;
import java.util.List;

/** The engines ExtOS has, by name; callers choose one with {@code --engine NAME}. */
public final class Engines {
    private Engines() {
    }

    /** The reference interpreter with the default backward-jump limit. */
    public static Engine interpreter() {
        return new Interpreter();
    }

    /** The reference interpreter, ending a run after {@code backwardJumpLimit} backward jumps. */
    public static Engine interpreter(long backwardJumpLimit) {
        return new Interpreter(backwardJumpLimit);
    }

    /** The JIT (eBPF to JVM bytecode in a hidden class) with the default backward-jump limit. */
    public static Engine jit() {
        return new JitCompiler();
    }

    /** Names accepted by {@link #byName}. */
    public static List<String> names() {
        return List.of("interp", "jit");
    }

    /** The engine called {@code name}; throws with the list of names when there is none. */
    public static Engine byName(String name) {
        return switch (name) {
            case "interp", "interpreter" -> interpreter();
            case "jit" -> jit();
            default -> throw new IllegalArgumentException("no engine '" + name + "' (engines: " + String.join(", ", names()) + ")");
        };
    }
}
