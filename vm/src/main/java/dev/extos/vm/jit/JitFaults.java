package dev.extos.vm.jit;

import dev.extos.vm.AddressSpace;

/** The reasons of the faults the interpreter raises, word for word, so both engines agree. */
final class JitFaults {
    private JitFaults() {
    }

    static String missingHelper(long id) {
        return "call to helper " + Long.toUnsignedString(id) + ", which this domain does not offer";
    }

    static String tooDeep() {
        return "local call nests deeper than " + AddressSpace.MAX_FRAMES + " frames";
    }

    static String ranOffTheEnd() {
        return "execution ran past the last instruction (a program ends with exit)";
    }

    static String budgetSpent(long limit) {
        return "more than " + limit + " backward jumps: the program does not terminate in time";
    }
}
