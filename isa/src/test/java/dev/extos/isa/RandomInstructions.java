package dev.extos.isa;

import dev.extos.isa.Instruction.*;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded generator of random valid instructions of every shape, and of programs whose jumps often land inside them. */
public final class RandomInstructions {
    /** Number of instruction shapes {@link #next()} chooses from (one per record of {@link Instruction}). */
    public static final int SHAPES = 16;

    private final SplittableRandom random;

    public RandomInstructions(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** One random instruction; every shape is equally likely. */
    public Instruction next() {
        return switch (random.nextInt(SHAPES)) {
            case 0 -> new Alu(pick(Width.values()), pick(AluOp.values()), reg(), operand());
            case 1 -> new Neg(pick(Width.values()), reg());
            case 2 -> movSx();
            case 3 -> new ByteSwap(pick(SwapKind.values()), pickInt(16, 32, 64), reg());
            case 4 -> new Jump(pick(Width.values()), pick(JumpCondition.values()), reg(), operand(), offset16());
            case 5 -> random.nextBoolean() ? new Goto(offset16(), false) : new Goto(imm(), true);
            case 6 -> load();
            case 7 -> new Store(pick(Size.values()), reg(), operand(), offset16());
            case 8 -> atomic();
            case 9 -> loadImm64();
            case 10 -> packetLoad();
            case 11 -> new Call(imm());
            case 12 -> new CallLocal(imm());
            case 13 -> new CallKfunc(imm(), offset16());
            case 14 -> new CallRegister(reg());
            default -> new Exit();
        };
    }

    /** {@code count} random instructions, where about half of the jumps and local calls go to an instruction of the program. */
    public List<Instruction> program(int count) {
        List<Instruction> out = new ArrayList<>(count);
        List<Integer> starts = new ArrayList<>(count);
        int slot = 0;
        for (int n = 0; n < count; n++) {
            Instruction i = next();
            out.add(i);
            starts.add(slot);
            slot += i.slots();
        }
        for (int n = 0; n < count; n++) {
            if (random.nextBoolean()) {
                int offset = starts.get(random.nextInt(count)) - starts.get(n) - 1;
                out.set(n, retarget(out.get(n), offset));
            }
        }
        return out;
    }

    private static Instruction retarget(Instruction i, int offset) {
        return switch (i) {
            case Jump j -> new Jump(j.width(), j.condition(), j.dst(), j.src(), offset);
            case Goto g -> new Goto(offset, g.wide());
            case CallLocal c -> new CallLocal(offset);
            default -> i;
        };
    }

    private Instruction movSx() {
        Width w = pick(Width.values());
        int from = w == Width.W64 ? pickInt(8, 16, 32) : pickInt(8, 16);
        return new MovSx(w, reg(), reg(), from);
    }

    private Instruction load() {
        Size size = pick(Size.values());
        boolean signExtend = size != Size.DW && random.nextBoolean();
        return new Load(size, signExtend, reg(), reg(), offset16());
    }

    private Instruction atomic() {
        AtomicOp op = pick(AtomicOp.values());
        boolean fetch = op.alwaysFetches() || random.nextBoolean();
        return new Atomic(random.nextBoolean() ? Size.W : Size.DW, op, fetch, reg(), reg(), offset16());
    }

    private Instruction loadImm64() {
        Imm64Kind kind = pick(Imm64Kind.values());
        if (kind == Imm64Kind.CONSTANT) {
            long value = switch (random.nextInt(4)) {
                case 0 -> imm();
                case 1 -> pickLong(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0xffffffffL, 0x1_0000_0000L);
                default -> random.nextLong();
            };
            return LoadImm64.constant(reg(), value);
        }
        return new LoadImm64(reg(), kind, imm(), random.nextBoolean() ? 0 : imm());
    }

    private Instruction packetLoad() {
        Size size = pick(Size.W, Size.H, Size.B);
        boolean indirect = random.nextBoolean();
        return new PacketLoad(size, indirect, indirect ? reg() : Reg.R0, imm());
    }

    /** A register, r0 to r10. */
    public Reg reg() {
        return Reg.of(random.nextInt(11));
    }

    /** A register or an immediate, equally likely. */
    public Operand operand() {
        return random.nextBoolean() ? reg() : new Imm(imm());
    }

    /** A 32-bit immediate: small, extreme or anything. */
    public int imm() {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(-16, 17);
            case 1 -> pickInt(0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0xffff, -0x10000, 0x10000);
            default -> random.nextInt();
        };
    }

    /** A signed 16-bit offset: small, extreme or anything. */
    public int offset16() {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(-16, 17);
            case 1 -> pickInt(0, -1, 1, Short.MIN_VALUE, Short.MAX_VALUE);
            default -> random.nextInt(Short.MIN_VALUE, Short.MAX_VALUE + 1);
        };
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    private int pickInt(int... values) {
        return values[random.nextInt(values.length)];
    }

    private long pickLong(long... values) {
        return values[random.nextInt(values.length)];
    }
}
