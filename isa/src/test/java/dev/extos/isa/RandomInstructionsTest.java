package dev.extos.isa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.isa.Instruction.*;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The random-instruction generator is deterministic and reaches every shape and every field value. */
class RandomInstructionsTest {

    @Test
    void sameSeedGivesSameInstructions() {
        RandomInstructions a = new RandomInstructions(42);
        RandomInstructions b = new RandomInstructions(42);
        RandomInstructions c = new RandomInstructions(43);
        List<Instruction> fromA = Stream.generate(a::next).limit(1000).toList();
        assertThat(Stream.generate(b::next).limit(1000).toList()).isEqualTo(fromA);
        assertThat(Stream.generate(c::next).limit(1000).toList()).isNotEqualTo(fromA);
    }

    @Test
    void coversEveryShapeAndFieldValue() {
        Set<String> seen = new HashSet<>();
        RandomInstructions random = new RandomInstructions(1);
        for (int n = 0; n < 20_000; n++) {
            Instruction i = random.next();
            seen.add(i.getClass().getSimpleName());
            switch (i) {
                case Alu a -> seen.addAll(List.of("alu " + a.op(), "alu " + a.width(), "alu src " + kind(a.src())));
                case Neg g -> seen.add("neg " + g.width());
                case MovSx m -> seen.add("movsx " + m.width() + " " + m.fromBits());
                case ByteSwap s -> seen.add("swap " + s.kind() + " " + s.bits());
                case Jump j -> seen.addAll(List.of("jump " + j.condition(), "jump " + j.width(), "jump src " + kind(j.src())));
                case Goto g -> seen.add("goto wide " + g.wide());
                case Load l -> seen.add("load " + l.size() + " sx " + l.signExtend());
                case Store s -> seen.add("store " + s.size() + " " + kind(s.src()));
                case Atomic a -> seen.add("atomic " + a.size() + " " + a.op() + " fetch " + a.fetch());
                case LoadImm64 l -> seen.add("lddw " + l.kind());
                case PacketLoad p -> seen.add("packet " + p.size() + " indirect " + p.indirect());
                default -> {
                }
            }
        }
        Set<String> expected = new HashSet<>();
        for (Class<?> shape : Instruction.class.getPermittedSubclasses()) {
            expected.add(shape.getSimpleName());
        }
        assertThat(expected).hasSize(RandomInstructions.SHAPES);
        for (Width w : Width.values()) {
            expected.addAll(List.of("alu " + w, "neg " + w, "jump " + w, "movsx " + w + " 8", "movsx " + w + " 16"));
        }
        expected.add("movsx W64 32");
        expected.addAll(List.of("alu src reg", "alu src imm", "jump src reg", "jump src imm", "goto wide true", "goto wide false"));
        Stream.of(AluOp.values()).forEach(op -> expected.add("alu " + op));
        Stream.of(JumpCondition.values()).forEach(c -> expected.add("jump " + c));
        Stream.of(Imm64Kind.values()).forEach(k -> expected.add("lddw " + k));
        for (SwapKind k : SwapKind.values()) {
            for (int bits : new int[] {16, 32, 64}) {
                expected.add("swap " + k + " " + bits);
            }
        }
        for (Size s : Size.values()) {
            expected.addAll(List.of("load " + s + " sx false", "store " + s + " reg", "store " + s + " imm"));
            if (s != Size.DW) {
                expected.addAll(List.of("load " + s + " sx true", "packet " + s + " indirect true", "packet " + s + " indirect false"));
            }
        }
        for (Size s : List.of(Size.W, Size.DW)) {
            for (AtomicOp op : AtomicOp.values()) {
                expected.add("atomic " + s + " " + op + " fetch true");
                if (!op.alwaysFetches()) {
                    expected.add("atomic " + s + " " + op + " fetch false");
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void programsJumpInsideThemselvesOften() {
        List<Instruction> program = new RandomInstructions(7).program(2000);
        Program p = Program.of(program);
        int jumps = 0;
        int inside = 0;
        for (int pc : p.startSlots()) {
            Integer offset = switch (p.at(pc)) {
                case Jump j -> j.offset();
                case Goto g -> g.offset();
                case CallLocal c -> c.offset();
                default -> null;
            };
            if (offset != null) {
                jumps++;
                inside += p.startsAt(pc + 1 + offset) ? 1 : 0;
            }
        }
        assertThat(jumps).isGreaterThan(200);
        assertThat(inside).as("jumps landing on an instruction").isGreaterThan(jumps / 3);
        assertThat(jumps - inside).as("jumps landing elsewhere").isGreaterThan(jumps / 10);
    }

    private static String kind(Operand o) {
        return o instanceof Reg ? "reg" : "imm";
    }
}
