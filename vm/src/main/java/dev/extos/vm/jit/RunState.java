package dev.extos.vm.jit;

/**
 * What one run shares between the methods of its functions: the backward-jump budget, and r1-r5
 * as a callee left them (the interpreter has one register file, so a caller sees the callee's
 * r1-r5 after a local call). Allocated only for programs with local calls; each method keeps the
 * budget in a local and syncs it here only around calls, so loops never touch memory for it.
 */
final class RunState {
    long budget;
    long r1;
    long r2;
    long r3;
    long r4;
    long r5;

    RunState(long budget) {
        this.budget = budget;
    }
}
