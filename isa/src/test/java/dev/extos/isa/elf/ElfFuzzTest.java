package dev.extos.isa.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutates the committed objects (bit flips, truncation, byte runs, boundary values in header
 * fields) and loads each mutant: the loader must either succeed or throw ElfFormatException,
 * never anything else and never hang. Count and seed: -Dextos.elf.fuzz.count, -Dextos.elf.fuzz.seed.
 */
class ElfFuzzTest {
    private static final int COUNT = Integer.getInteger("extos.elf.fuzz.count", 4000);
    private static final long SEED = Long.getLong("extos.elf.fuzz.seed", 20261130L);
    private static final int[] BOUNDARY = {0, 1, -1, 0x7fffffff, 0x80000000, 0xffff, 0x10000, 8, 24, 64, 247};

    /** A fixture and the byte ranges of its structures (headers, tables, BTF, code, maps). */
    private record Target(String name, byte[] bytes, List<int[]> regions) {
    }

    @Test
    void mutantsLoadOrFailWithElfFormatExceptionOnly() {
        List<Target> targets = Fixtures.all().stream().map(ElfFuzzTest::target).toList();
        int[] outcome = new int[2];
        long start = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
            for (int k = 0; k < COUNT; k++) {
                Target t = targets.get(k % targets.size());
                Random random = new Random(SEED * 1_000_003L + k);
                StringBuilder how = new StringBuilder();
                byte[] mutant = mutate(t, random, how);
                try {
                    BpfObject o = ElfLoader.load(t.name() + ".o", mutant);
                    o.programs().forEach(p -> p.program().encode());
                    outcome[0]++;
                } catch (ElfFormatException e) {
                    assertThat(e.getMessage()).startsWith(t.name() + ".o: section ");
                    outcome[1]++;
                } catch (Throwable e) {
                    throw new AssertionError("case " + k + " (seed " + SEED + ", " + t.name() + ": " + how
                            + ") threw " + e, e);
                }
            }
        });
        System.out.printf("ELF fuzz: %d mutants of %d objects (seed %d): %d loaded, %d refused with ElfFormatException,"
                        + " %.0f ms%n", COUNT, targets.size(), SEED, outcome[0], outcome[1],
                (System.nanoTime() - start) / 1e6);
        assertThat(outcome[0] + outcome[1]).isEqualTo(COUNT);
        if (COUNT >= 200) {
            assertThat(outcome[0]).as("some mutants still load").isPositive();
            assertThat(outcome[1]).as("some mutants are refused").isPositive();
        }
    }

    @Test
    void sameSeedGivesSameMutants() {
        Target t = target("globals");
        byte[] a = mutate(t, new Random(7), new StringBuilder());
        byte[] b = mutate(t, new Random(7), new StringBuilder());
        byte[] c = mutate(t, new Random(8), new StringBuilder());
        assertThat(a).isEqualTo(b);
        assertThat(Arrays.equals(a, c) && Arrays.equals(a, t.bytes())).isFalse();
    }

    private static Target target(String name) {
        byte[] bytes = Fixtures.bytes(name);
        ElfImage image = new ElfImage(bytes);
        List<int[]> regions = new ArrayList<>();
        regions.add(new int[] {0, 64});
        regions.add(new int[] {image.header(0), image.sectionCount() * 64});
        for (int i = 1; i < image.sectionCount(); i++) {
            String n = image.sectionName(i);
            if (!n.startsWith(".debug") && !n.startsWith(".rel.debug") && !n.equals(".strtab")) {
                int size = Math.min(image.size(n), bytes.length - image.offset(n));
                if (size > 0 && !n.equals(".bss")) {
                    regions.add(new int[] {image.offset(n), size});
                }
            }
        }
        return new Target(name, bytes, List.copyOf(regions));
    }

    private static byte[] mutate(Target t, Random random, StringBuilder how) {
        byte[] b = t.bytes().clone();
        int rounds = 1 + random.nextInt(3);
        for (int n = 0; n < rounds; n++) {
            int at = position(t, random, b.length);
            switch (random.nextInt(5)) {
                case 0 -> {
                    int bits = 1 + random.nextInt(8);
                    for (int i = 0; i < bits; i++) {
                        int p = Math.min(b.length - 1, at + random.nextInt(16));
                        b[p] ^= (byte) (1 << random.nextInt(8));
                    }
                    how.append(bits).append(" bit flips near 0x").append(Integer.toHexString(at)).append("; ");
                }
                case 1 -> {
                    int length = 1 + random.nextInt(32);
                    int value = switch (random.nextInt(3)) {
                        case 0 -> 0;
                        case 1 -> 0xff;
                        default -> random.nextInt(256);
                    };
                    Arrays.fill(b, at, Math.min(b.length, at + length), (byte) value);
                    how.append(length).append(" bytes of 0x").append(Integer.toHexString(value)).append(" at 0x")
                            .append(Integer.toHexString(at)).append("; ");
                }
                case 2 -> {
                    int word = BOUNDARY[random.nextInt(BOUNDARY.length)];
                    int p = Math.min(at & ~3, b.length - 4);
                    for (int i = 0; i < 4; i++) {
                        b[p + i] = (byte) (word >>> (8 * i));
                    }
                    how.append("word 0x").append(Integer.toHexString(word)).append(" at 0x").append(Integer.toHexString(p))
                            .append("; ");
                }
                case 3 -> {
                    int p = random.nextInt(b.length);
                    b[p] = (byte) random.nextInt(256);
                    how.append("random byte at 0x").append(Integer.toHexString(p)).append("; ");
                }
                default -> {
                    if (n == rounds - 1) {
                        int length = random.nextInt(b.length);
                        b = Arrays.copyOf(b, length);
                        how.append("truncated to ").append(length).append(" bytes; ");
                        return b;
                    }
                }
            }
        }
        return b;
    }

    /** Mostly inside a structure the loader reads, sometimes anywhere. */
    private static int position(Target t, Random random, int length) {
        if (random.nextInt(10) < 8) {
            int[] r = t.regions().get(random.nextInt(t.regions().size()));
            return Math.min(length - 1, r[0] + random.nextInt(r[1]));
        }
        return random.nextInt(length);
    }
}
