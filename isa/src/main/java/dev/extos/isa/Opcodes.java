package dev.extos.isa;

/** The encoding's field values (RFC 9669 section 3-5), shared by the encoder and the decoder. */
final class Opcodes {
    private Opcodes() {
    }

    // Instruction classes: the low three bits of the opcode.
    static final int LD = 0x00, LDX = 0x01, ST = 0x02, STX = 0x03, ALU = 0x04, JMP = 0x05, JMP32 = 0x06, ALU64 = 0x07;

    // Source bit of ALU and jump opcodes.
    static final int SRC_K = 0x00, SRC_X = 0x08;

    // Memory modes and sizes.
    static final int MODE_IMM = 0x00, MODE_ABS = 0x20, MODE_IND = 0x40, MODE_MEM = 0x60, MODE_MEMSX = 0x80, MODE_ATOMIC = 0xc0;
    static final int SIZE_W = 0x00, SIZE_H = 0x08, SIZE_B = 0x10, SIZE_DW = 0x18;

    // ALU operation codes (high nibble).
    static final int ALU_ADD = 0x00, ALU_SUB = 0x10, ALU_MUL = 0x20, ALU_DIV = 0x30, ALU_OR = 0x40, ALU_AND = 0x50,
            ALU_LSH = 0x60, ALU_RSH = 0x70, ALU_NEG = 0x80, ALU_MOD = 0x90, ALU_XOR = 0xa0, ALU_MOV = 0xb0,
            ALU_ARSH = 0xc0, ALU_END = 0xd0;

    // Jump operation codes (high nibble).
    static final int JMP_JA = 0x00, JMP_JEQ = 0x10, JMP_JGT = 0x20, JMP_JGE = 0x30, JMP_JSET = 0x40, JMP_JNE = 0x50,
            JMP_JSGT = 0x60, JMP_JSGE = 0x70, JMP_CALL = 0x80, JMP_EXIT = 0x90, JMP_JLT = 0xa0, JMP_JLE = 0xb0,
            JMP_JSLT = 0xc0, JMP_JSLE = 0xd0;

    // Atomic operation codes carried in imm.
    static final int ATOMIC_FETCH = 0x01, ATOMIC_XCHG = 0xe0 | ATOMIC_FETCH, ATOMIC_CMPXCHG = 0xf0 | ATOMIC_FETCH;

    // Source-register values of the call instruction.
    static final int CALL_HELPER = 0, CALL_LOCAL = 1, CALL_KFUNC = 2;

    static int sizeCode(Size size) {
        return switch (size) {
            case W -> SIZE_W;
            case H -> SIZE_H;
            case B -> SIZE_B;
            case DW -> SIZE_DW;
        };
    }

    static Size sizeOf(int code) {
        return switch (code & 0x18) {
            case SIZE_W -> Size.W;
            case SIZE_H -> Size.H;
            case SIZE_B -> Size.B;
            default -> Size.DW;
        };
    }

    static int aluCode(AluOp op) {
        return switch (op) {
            case ADD -> ALU_ADD;
            case SUB -> ALU_SUB;
            case MUL -> ALU_MUL;
            case DIV, SDIV -> ALU_DIV;
            case OR -> ALU_OR;
            case AND -> ALU_AND;
            case LSH -> ALU_LSH;
            case RSH -> ALU_RSH;
            case MOD, SMOD -> ALU_MOD;
            case XOR -> ALU_XOR;
            case MOV -> ALU_MOV;
            case ARSH -> ALU_ARSH;
        };
    }

    static int jumpCode(JumpCondition c) {
        return switch (c) {
            case EQ -> JMP_JEQ;
            case GT -> JMP_JGT;
            case GE -> JMP_JGE;
            case SET -> JMP_JSET;
            case NE -> JMP_JNE;
            case SGT -> JMP_JSGT;
            case SGE -> JMP_JSGE;
            case LT -> JMP_JLT;
            case LE -> JMP_JLE;
            case SLT -> JMP_JSLT;
            case SLE -> JMP_JSLE;
        };
    }

    static int atomicCode(AtomicOp op, boolean fetch) {
        return switch (op) {
            case ADD -> ALU_ADD | (fetch ? ATOMIC_FETCH : 0);
            case OR -> ALU_OR | (fetch ? ATOMIC_FETCH : 0);
            case AND -> ALU_AND | (fetch ? ATOMIC_FETCH : 0);
            case XOR -> ALU_XOR | (fetch ? ATOMIC_FETCH : 0);
            case XCHG -> ATOMIC_XCHG;
            case CMPXCHG -> ATOMIC_CMPXCHG;
        };
    }
}
