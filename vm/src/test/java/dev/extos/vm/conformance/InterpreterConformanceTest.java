package dev.extos.vm.conformance;

import dev.extos.vm.Engine;
import dev.extos.vm.interp.Interpreter;

/** Every case of the bpf_conformance suite on the reference interpreter. */
class InterpreterConformanceTest extends ConformanceContract {
    @Override
    protected Engine engine() {
        return new Interpreter();
    }
}
