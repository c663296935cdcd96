package dev.extos.vm.jit;

import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;

import dev.extos.vm.AddressSpace;
import dev.extos.vm.ExecutionFault;
import dev.extos.vm.Executable;
import dev.extos.vm.HelperFunction;
import dev.extos.vm.MemoryFault;
import dev.extos.vm.runtime.Arithmetic;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;

/** The class and method descriptors generated code refers to, in one place. */
final class Descriptors {
    private Descriptors() {
    }

    static final ClassDesc SELF = ClassDesc.of("dev.extos.vm.jit.JitProgram");
    static final ClassDesc ADDRESS_SPACE = desc(AddressSpace.class);
    static final ClassDesc ATOMIC_KIND = desc(AddressSpace.AtomicKind.class);
    static final ClassDesc RUN_STATE = desc(RunState.class);
    static final ClassDesc LINKAGE = desc(JitLinkage.class);
    static final ClassDesc HELPER_FUNCTION = desc(HelperFunction.class);
    static final ClassDesc MEMORY_FAULT = desc(MemoryFault.class);
    static final ClassDesc EXECUTION_FAULT = desc(ExecutionFault.class);
    static final ClassDesc EXECUTABLE = desc(Executable.class);
    static final ClassDesc BATCH_SETUP = desc(dev.extos.vm.BatchSetup.class);
    static final ClassDesc ARITHMETIC = desc(Arithmetic.class);
    static final ClassDesc RUNTIME_EXCEPTION = desc(RuntimeException.class);
    static final ClassDesc MEMORY_SEGMENT = desc(java.lang.foreign.MemorySegment.class);
    static final ClassDesc MEMORY_SEGMENT_ARRAY = MEMORY_SEGMENT.arrayType();
    static final ClassDesc DIRECT_ACCESS = desc(DirectAccess.class);
    static final ClassDesc VAR_HANDLE = desc(java.lang.invoke.VarHandle.class);

    /** {@code (AddressSpace, long r1..r5, int depth, RunState) -> long r0}: every function method. */
    static final MethodTypeDesc FUNCTION = MethodTypeDesc.of(CD_long, ADDRESS_SPACE, CD_long, CD_long, CD_long, CD_long,
            CD_long, CD_int, RUN_STATE);
    /** {@code (AddressSpace, long[] registers, int depth, RunState, int entryPc) -> long next}: every chunk method. */
    static final MethodTypeDesc CHUNK = MethodTypeDesc.of(CD_long, ADDRESS_SPACE, CD_long.arrayType(), CD_int, RUN_STATE, CD_int);
    /** {@code HelperFunction.call}. */
    static final MethodTypeDesc HELPER_CALL = MethodTypeDesc.of(CD_long, ADDRESS_SPACE, CD_long, CD_long, CD_long,
            CD_long, CD_long);
    /** The generated {@code $memoryFault(MemoryFault, int pc)}. */
    static final MethodTypeDesc MEMORY_FAULT_AT = MethodTypeDesc.of(EXECUTION_FAULT, MEMORY_FAULT, CD_int);
    /** The generated {@code $fault(int pc, String reason)}. */
    static final MethodTypeDesc FAULT_AT = MethodTypeDesc.of(EXECUTION_FAULT, CD_int, CD_String);
    static final MethodTypeDesc LONG_LONG_TO_LONG = MethodTypeDesc.of(CD_long, CD_long, CD_long);
    static final MethodTypeDesc INT_INT_TO_LONG = MethodTypeDesc.of(CD_long, CD_int, CD_int);

    private static ClassDesc desc(Class<?> c) {
        return c.describeConstable().orElseThrow();
    }
}
