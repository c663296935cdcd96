package dev.extos.vm.jit;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.INIT_NAME;
import static java.lang.constant.ConstantDescs.CLASS_INIT_NAME;
import static java.lang.constant.ConstantDescs.MTD_void;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.Set;

/**
 * Writes the class of one program: static finals for the linkage and each helper called by
 * number (read from the class data once, so C2 treats them as constants), the {@code run}
 * method of {@link dev.extos.vm.Executable} that enters function 0 at depth 0, two small fault
 * factories, and one static method per function (a dispatcher plus chunk methods for a function
 * too large for one).
 */
final class ClassEmitter {
    private ClassEmitter() {
    }

    private static final ClassFile CLASS_FILE = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
            ClassHierarchyResolver.defaultResolver().orElse(ClassHierarchyResolver.ofClassLoading(ClassEmitter.class.getClassLoader()))));

    /**
     * The class of {@code plan}; the functions whose entries are in {@code split} are cut into
     * chunks of about {@code chunkBytes} bytes of bytecode.
     */
    static byte[] write(ProgramPlan plan, MemoryAccessStrategy memory, long backwardJumpLimit, Set<Integer> split, int chunkBytes) {
        return CLASS_FILE.build(Descriptors.SELF, cb -> {
            cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SYNTHETIC);
            cb.withInterfaceSymbols(Descriptors.EXECUTABLE);
            fields(cb, plan);
            cb.withMethodBody(INIT_NAME, MTD_void, ClassFile.ACC_PUBLIC, c -> {
                c.aload(0);
                c.invokespecial(CD_Object, INIT_NAME, MTD_void);
                c.return_();
            });
            run(cb, plan, backwardJumpLimit);
            faultFactories(cb);
            if (BatchEmitter.applies(plan, split.contains(plan.functions().getFirst().entry()))) {
                BatchEmitter.emit(cb, plan, memory, backwardJumpLimit);
            }
            for (FunctionPlan f : plan.functions()) {
                if (split.contains(f.entry())) {
                    FunctionEmitter.emitSplit(cb, plan, SplitFunction.of(plan.program(), f, chunkBytes), memory, backwardJumpLimit);
                } else {
                    FunctionEmitter.emit(cb, plan, f, memory, backwardJumpLimit);
                }
            }
        });
    }

    private static void fields(ClassBuilder cb, ProgramPlan plan) {
        int flags = ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC | ClassFile.ACC_FINAL;
        cb.withField("LINKAGE", Descriptors.LINKAGE, flags);
        for (int id : plan.helperIds()) {
            cb.withField(CallEmitter.helperField(id), Descriptors.HELPER_FUNCTION, flags);
        }
        cb.withMethodBody(CLASS_INIT_NAME, MTD_void, ClassFile.ACC_STATIC, c -> {
            c.ldc(DynamicConstantDesc.ofNamed(ConstantDescs.BSM_CLASS_DATA, ConstantDescs.DEFAULT_NAME, Descriptors.LINKAGE));
            c.putstatic(Descriptors.SELF, "LINKAGE", Descriptors.LINKAGE);
            for (int id : plan.helperIds()) {
                c.getstatic(Descriptors.SELF, "LINKAGE", Descriptors.LINKAGE);
                c.loadConstant(id);
                c.invokevirtual(Descriptors.LINKAGE, "helper", MethodTypeDesc.of(Descriptors.HELPER_FUNCTION, CD_int));
                c.putstatic(Descriptors.SELF, CallEmitter.helperField(id), Descriptors.HELPER_FUNCTION);
            }
            c.return_();
        });
    }

    /** {@code run(memory, r1, r2)}: function 0 at depth 0 with r3-r5 = 0, and run state only if calls need it. */
    private static void run(ClassBuilder cb, ProgramPlan plan, long backwardJumpLimit) {
        MethodTypeDesc type = MethodTypeDesc.of(CD_long, Descriptors.ADDRESS_SPACE, CD_long, CD_long);
        cb.withMethodBody("run", type, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL, c -> {
            c.aload(1);
            c.lload(2);
            c.lload(4);
            c.lconst_0();
            c.lconst_0();
            c.lconst_0();
            c.iconst_0();
            if (plan.hasLocalCalls()) {
                c.new_(Descriptors.RUN_STATE);
                c.dup();
                c.loadConstant(backwardJumpLimit);
                c.invokespecial(Descriptors.RUN_STATE, INIT_NAME, MethodTypeDesc.of(CD_void, CD_long));
            } else {
                c.aconst_null();
            }
            c.invokestatic(Descriptors.SELF, plan.functions().getFirst().methodName(), Descriptors.FUNCTION);
            c.lreturn();
        });
    }

    private static void faultFactories(ClassBuilder cb) {
        int flags = ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC;
        cb.withMethodBody("$memoryFault", Descriptors.MEMORY_FAULT_AT, flags, c -> {
            linkage(c);
            c.aload(0);
            c.iload(1);
            c.invokevirtual(Descriptors.LINKAGE, "fault",
                    MethodTypeDesc.of(Descriptors.EXECUTION_FAULT, Descriptors.MEMORY_FAULT, CD_int));
            c.areturn();
        });
        cb.withMethodBody("$fault", Descriptors.FAULT_AT, flags, c -> {
            linkage(c);
            c.iload(0);
            c.aload(1);
            c.invokevirtual(Descriptors.LINKAGE, "fault", MethodTypeDesc.of(Descriptors.EXECUTION_FAULT, CD_int, CD_String));
            c.areturn();
        });
    }

    private static void linkage(CodeBuilder c) {
        c.getstatic(Descriptors.SELF, "LINKAGE", Descriptors.LINKAGE);
    }
}
