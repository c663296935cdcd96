/**
 * The JIT: eBPF programs compiled to JVM bytecode with {@code java.lang.classfile}, one hidden
 * class per program, so that HotSpot turns them into native code.
 *
 * <p>Shape of the generated class (see {@link dev.extos.vm.jit.BytecodeDump} and the approved
 * dumps in the tests): it implements {@link dev.extos.vm.Executable}; each bpf-to-bpf function
 * (the entry and every local-call target) is a static method
 * {@code fnPC(AddressSpace, long r1..r5, int depth, RunState)} returning r0, with the eBPF
 * registers in long locals; helpers called by number are static finals read from the class data;
 * a fault is mapped to its instruction by the exception table, never by bookkeeping on the hot path.
 * A function too large for HotSpot to compile as one method
 * ({@link dev.extos.vm.jit.JitCompiler#HUGE_METHOD_LIMIT}) becomes a dispatcher over chunk
 * methods {@code fnPC$k} that pass the registers in a long[] when control crosses between them.
 *
 * <p>Memory: a plain program's accesses go through the checked {@link dev.extos.vm.AddressSpace}
 * ({@code CheckedMemoryAccess}); a verified program's accesses whose region the verifier's facts
 * name go straight to that region's segment ({@code DirectMemoryAccess}), with any failure redone
 * through the checked path so that faults stay the interpreter's. A program whose methods still
 * do not fit, or with more than {@link dev.extos.vm.jit.JitCompiler#MAX_TOTAL_INSTRUCTIONS}
 * instructions, runs on the interpreter with a log line.
 */
package dev.extos.vm.jit;
