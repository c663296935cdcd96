package dev.extos.vm.jit;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.FieldModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.NewPrimitiveArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.util.List;
import java.util.Locale;

/**
 * A readable, javap-like listing of a generated class, read back through the class file API:
 * fields, then each method's instructions with their bytecode offsets and its exception table.
 * Used by the approval tests so that a change to code generation shows up in review.
 */
public final class BytecodeDump {
    private BytecodeDump() {
    }

    /** The listing of the class in {@code bytes}. */
    public static String of(byte[] bytes) {
        ClassModel model = ClassFile.of().parse(bytes);
        StringBuilder out = new StringBuilder();
        out.append("class ").append(model.thisClass().asInternalName());
        model.interfaces().forEach(i -> out.append(" implements ").append(i.asInternalName()));
        out.append('\n');
        for (FieldModel f : model.fields()) {
            out.append("  field ").append(f.fieldName().stringValue()).append(' ').append(f.fieldType().stringValue()).append('\n');
        }
        for (MethodModel m : model.methods()) {
            out.append("\n  method ").append(m.methodName().stringValue()).append(m.methodType().stringValue()).append('\n');
            m.findAttribute(java.lang.classfile.Attributes.code()).ifPresent(code -> method(code, out));
        }
        return out.toString();
    }

    private static void method(CodeAttribute code, StringBuilder out) {
        out.append("    (").append(code.codeLength()).append(" bytes, max stack ").append(code.maxStack())
                .append(", max locals ").append(code.maxLocals()).append(")\n");
        int bci = 0;
        for (CodeElement e : code) {
            if (e instanceof Instruction i) {
                out.append(String.format(Locale.ROOT, "    %5d: %s%n", bci, instruction(i, code)));
                bci += i.sizeInBytes();
            }
        }
        for (ExceptionCatch c : code.exceptionHandlers()) {
            out.append("    catch ").append(c.catchType().map(t -> t.asInternalName()).orElse("any"))
                    .append(" [").append(code.labelToBci(c.tryStart())).append(", ").append(code.labelToBci(c.tryEnd()))
                    .append(") -> ").append(code.labelToBci(c.handler())).append('\n');
        }
    }

    private static String cases(List<SwitchCase> cases, CodeAttribute code) {
        StringBuilder out = new StringBuilder("{");
        for (SwitchCase c : cases) {
            out.append(out.length() > 1 ? ", " : "").append(c.caseValue()).append(": ").append(code.labelToBci(c.target()));
        }
        return out.append('}').toString();
    }

    private static String instruction(Instruction i, CodeAttribute code) {
        String op = i.opcode().name().toLowerCase(Locale.ROOT);
        return switch (i) {
            case LoadInstruction l when !op.contains("_") -> op + " " + l.slot();
            case StoreInstruction s when !op.contains("_") -> op + " " + s.slot();
            case ConstantInstruction c when !op.contains("const_") -> op + " " + c.constantValue();
            case BranchInstruction b -> op + " " + code.labelToBci(b.target());
            case InvokeInstruction v ->
                    op + " " + v.owner().asInternalName() + "." + v.name().stringValue() + v.typeSymbol().descriptorString();
            case FieldInstruction f -> op + " " + f.owner().asInternalName() + "." + f.name().stringValue();
            case NewObjectInstruction n -> op + " " + n.className().asInternalName();
            case TypeCheckInstruction t -> op + " " + t.type().asInternalName();
            case NewPrimitiveArrayInstruction n -> op + " " + n.typeKind().name().toLowerCase(Locale.ROOT);
            case LookupSwitchInstruction l -> op + " " + cases(l.cases(), code) + " default " + code.labelToBci(l.defaultTarget());
            case TableSwitchInstruction t -> op + " " + cases(t.cases(), code) + " default " + code.labelToBci(t.defaultTarget());
            default -> op;
        };
    }
}
