package dev.extos.isa;

import java.util.Objects;

/**
 * One eBPF instruction (RFC 9669, as the Linux kernel implements it). The records below are the
 * closed set of instruction shapes; each can only hold a validly encodable instruction, so code
 * that receives one never re-checks its fields. Offsets of jumps and local calls count 8-byte
 * slots from the next instruction, exactly as encoded.
 */
public sealed interface Instruction {

    /** Number of 8-byte slots the instruction occupies: 2 for {@code lddw}, 1 for all others. */
    default int slots() {
        return 1;
    }

    /** {@code dst = dst OP src} on 32 or 64 bits; 32-bit forms zero-extend the result. */
    record Alu(Width width, AluOp op, Reg dst, Operand src) implements Instruction {
        public Alu {
            Objects.requireNonNull(width);
            Objects.requireNonNull(op);
            Objects.requireNonNull(dst);
            Objects.requireNonNull(src);
        }
    }

    /** {@code dst = -dst} on 32 or 64 bits. */
    record Neg(Width width, Reg dst) implements Instruction {
        public Neg {
            Objects.requireNonNull(width);
            Objects.requireNonNull(dst);
        }
    }

    /** {@code dst = (sign-extended low fromBits of src)}; 32-bit forms zero-extend past bit 31. */
    record MovSx(Width width, Reg dst, Reg src, int fromBits) implements Instruction {
        public MovSx {
            Objects.requireNonNull(width);
            Objects.requireNonNull(dst);
            Objects.requireNonNull(src);
            if (fromBits != 8 && fromBits != 16 && !(fromBits == 32 && width == Width.W64)) {
                throw new IllegalArgumentException("movsx from " + fromBits + " bits is not defined for " + width);
            }
        }
    }

    /** Byte swap of the low {@code bits} (16, 32 or 64) of dst; the result is zero-extended. */
    record ByteSwap(SwapKind kind, int bits, Reg dst) implements Instruction {
        public ByteSwap {
            Objects.requireNonNull(kind);
            Objects.requireNonNull(dst);
            if (bits != 16 && bits != 32 && bits != 64) {
                throw new IllegalArgumentException("byte swap of " + bits + " bits is not defined (16, 32 or 64)");
            }
        }
    }

    /** Conditional jump: {@code if (dst COND src) goto pc + 1 + offset}; 32-bit forms compare low halves. */
    record Jump(Width width, JumpCondition condition, Reg dst, Operand src, int offset) implements Instruction {
        public Jump {
            Objects.requireNonNull(width);
            Objects.requireNonNull(condition);
            Objects.requireNonNull(dst);
            Objects.requireNonNull(src);
            FieldChecks.offset16(offset);
        }
    }

    /** Unconditional jump: {@code ja} with a 16-bit offset, or {@code gotol} (wide) with a 32-bit one. */
    record Goto(int offset, boolean wide) implements Instruction {
        public Goto {
            if (!wide) {
                FieldChecks.offset16(offset);
            }
        }
    }

    /** {@code dst = *(size *)(src + offset)}, zero- or sign-extended to 64 bits. */
    record Load(Size size, boolean signExtend, Reg dst, Reg src, int offset) implements Instruction {
        public Load {
            Objects.requireNonNull(size);
            Objects.requireNonNull(dst);
            Objects.requireNonNull(src);
            FieldChecks.offset16(offset);
            if (signExtend && size == Size.DW) {
                throw new IllegalArgumentException("a sign-extending load of a double word is not defined");
            }
        }
    }

    /** {@code *(size *)(dst + offset) = src}, where src is a register or an immediate. */
    record Store(Size size, Reg dst, Operand src, int offset) implements Instruction {
        public Store {
            Objects.requireNonNull(size);
            Objects.requireNonNull(dst);
            Objects.requireNonNull(src);
            FieldChecks.offset16(offset);
        }
    }

    /**
     * Atomic read-modify-write of the word or double word at {@code dst + offset} with src.
     * With {@code fetch}, src receives the old value (cmpxchg: r0 does, and is the comparand).
     */
    record Atomic(Size size, AtomicOp op, boolean fetch, Reg dst, Reg src, int offset) implements Instruction {
        public Atomic {
            Objects.requireNonNull(size);
            Objects.requireNonNull(op);
            Objects.requireNonNull(dst);
            Objects.requireNonNull(src);
            FieldChecks.offset16(offset);
            if (size != Size.W && size != Size.DW) {
                throw new IllegalArgumentException("atomic operations work on words and double words only");
            }
            if (op.alwaysFetches() && !fetch) {
                throw new IllegalArgumentException(op.mnemonic() + " always fetches");
            }
        }
    }

    /**
     * {@code lddw}: loads a 64-bit immediate into dst, spanning two slots. For the pseudo kinds the
     * two halves keep what the kernel puts there (e.g. a map fd and an offset into its value).
     */
    record LoadImm64(Reg dst, Imm64Kind kind, int imm, int nextImm) implements Instruction {
        public LoadImm64 {
            Objects.requireNonNull(dst);
            Objects.requireNonNull(kind);
        }

        /** A plain 64-bit constant load. */
        public static LoadImm64 constant(Reg dst, long value) {
            return new LoadImm64(dst, Imm64Kind.CONSTANT, (int) value, (int) (value >>> 32));
        }

        /** The 64-bit value formed by both halves. */
        public long value() {
            return (((long) nextImm) << 32) | (imm & 0xffffffffL);
        }

        @Override
        public int slots() {
            return 2;
        }
    }

    /**
     * Legacy packet load ({@code ldabs}/{@code ldind}, classic-BPF heritage): r0 = the big-endian
     * value at packet offset imm (+ src when indirect). Valid only in socket-filter programs.
     */
    record PacketLoad(Size size, boolean indirect, Reg src, int imm) implements Instruction {
        public PacketLoad {
            Objects.requireNonNull(size);
            Objects.requireNonNull(src);
            if (size == Size.DW) {
                throw new IllegalArgumentException("legacy packet loads of a double word are not defined");
            }
            if (!indirect && src != Reg.R0) {
                throw new IllegalArgumentException("an absolute packet load has no source register");
            }
        }
    }

    /** Call of helper function number {@code helper}; r1-r5 are its arguments, r0 its result. */
    record Call(int helper) implements Instruction {
    }

    /** bpf-to-bpf call of the function starting at {@code pc + 1 + offset}. */
    record CallLocal(int offset) implements Instruction {
    }

    /** Call of a kernel function by BTF id ({@code moduleIndex} selects the BTF object, 0 = vmlinux). */
    record CallKfunc(int btfId, int moduleIndex) implements Instruction {
        public CallKfunc {
            FieldChecks.offset16(moduleIndex);
        }
    }

    /** {@code callx}: call of the helper whose number is in {@code target} (outside RFC 9669). */
    record CallRegister(Reg target) implements Instruction {
        public CallRegister {
            Objects.requireNonNull(target);
        }
    }

    /** Return r0 from the current function (from the program when in the outermost frame). */
    record Exit() implements Instruction {
    }
}
