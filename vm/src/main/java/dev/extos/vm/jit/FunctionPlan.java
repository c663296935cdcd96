package dev.extos.vm.jit;

/**
 * One bpf-to-bpf function as the JIT sees it: its entry slot and every slot reachable from the
 * entry without entering a call, in order. Functions may share code (the interpreter has no
 * function boundaries, only an entry and exits), in which case each method gets its own copy.
 * A slot equal to the program's length stands for "ran off the end".
 */
record FunctionPlan(int entry, int[] slots) {

    /** The name of the generated static method. */
    String methodName() {
        return "fn" + entry;
    }

    /** Number of reachable instructions. */
    int size() {
        return slots.length;
    }
}
