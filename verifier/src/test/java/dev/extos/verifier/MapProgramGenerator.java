package dev.extos.verifier;

import dev.extos.isa.MapSpec;
import dev.extos.isa.MapType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random XDP programs that use maps: lookups with and without null checks (on the result,
 * a copy or a spilled copy), constant and variable offsets into values, global data (writable and
 * read-only), ring-buffer reservations released once, twice, never or used after release, and a
 * helper reading a bounded number of bytes. Many are unsafe on purpose.
 */
final class MapProgramGenerator {
    /** The maps every generated program has: map i is {@code MAPS.get(i)}. */
    static final List<MapSpec> MAPS = List.of(
            MapSpec.of("counts", MapType.HASH, 4, 16, 4),
            MapSpec.global(".data", 32, new byte[0], false),
            MapSpec.global(".rodata", 16, new byte[0], true),
            MapSpec.of("events", MapType.RINGBUF, 0, 0, 4096),
            MapSpec.of("table", MapType.ARRAY, 4, 8, 2));

    private static final String[] SIZES = {"b", "h", "w", "dw"};

    private final Random random;
    private final List<String> lines = new ArrayList<>();
    private int labels;

    MapProgramGenerator(long seed) {
        random = new Random(seed);
    }

    /** One program: r6 = ctx throughout; the stack's top 32 bytes are usually zeroed first. */
    String next() {
        lines.clear();
        emit("mov %r6, %r1");
        if (random.nextInt(5) != 0) {
            for (int off = 8; off <= 32; off += 8) {
                emit("stdw [%r10-" + off + "], 0");
            }
        }
        int blocks = 1 + random.nextInt(4);
        for (int b = 0; b < blocks; b++) {
            switch (random.nextInt(4)) {
                case 0 -> lookup();
                case 1 -> global();
                case 2 -> ringbuf();
                default -> hash();
            }
        }
        emit("mov %r0, 0");
        emit("exit");
        return String.join("\n", lines) + "\n";
    }

    private void emit(String s) {
        lines.add(s);
    }

    private String label() {
        return "l" + labels++;
    }

    private boolean chance(int oneIn) {
        return random.nextInt(oneIn) == 0;
    }

    private void lookup() {
        int map = chance(3) ? 4 : 0;
        int valueSize = MAPS.get(map).valueSize();
        if (!chance(8)) {
            emit("stw [%r10-4], " + random.nextInt(6));
        }
        emit("mov %r2, %r10");
        emit("add %r2, " + (chance(10) ? -2 : -4));
        emit("lddw %r1, map_fd " + map);
        emit("call 1");
        emit("mov %r7, %r0");
        boolean spill = chance(3);
        if (spill) {
            emit("stxdw [%r10-16], %r0");
        }
        String skip = label();
        if (!chance(8)) {
            String tested = chance(2) ? "%r0" : "%r7";
            emit((chance(10) ? "jne " : "jeq ") + tested + ", 0, " + skip);
        }
        String ptr = "%r7";
        if (spill && chance(2)) {
            emit("ldxdw %r8, [%r10-16]");
            ptr = "%r8";
        } else if (chance(2)) {
            ptr = "%r0";
        }
        access(ptr, valueSize, true);
        emit(skip + ":");
    }

    private void global() {
        boolean readOnly = chance(3);
        int map = readOnly ? 2 : 1;
        int size = MAPS.get(map).valueSize();
        int off = chance(12) ? size + random.nextInt(3) : random.nextInt(size);
        emit("lddw %r7, map_value " + map + ", " + off);
        boolean write = !readOnly || chance(6);
        access("%r7", size - off, write);
    }

    /** A load, store, atomic or variable-offset load through {@code ptr}, which has {@code room} bytes after it. */
    private void access(String ptr, int room, boolean mayWrite) {
        int kind = random.nextInt(mayWrite ? 4 : 2);
        int sizeIndex = random.nextInt(4);
        int bytes = 1 << sizeIndex;
        int off = chance(6) ? room - bytes + 1 + random.nextInt(2) : (room >= bytes ? random.nextInt(room - bytes + 1) : 0);
        if (chance(15)) {
            off = -1;
        }
        switch (kind) {
            case 0 -> emit("ldx" + SIZES[sizeIndex] + " %r3, [" + ptr + (off < 0 ? "" : "+") + off + "]");
            case 1 -> {
                int mask = new int[] {3, 7, 15, 31}[random.nextInt(4)];
                emit("ldxw %r3, [%r6+12]");
                emit("and %r3, " + mask);
                emit("add " + ptr + ", %r3");
                emit("ldxb %r3, [" + ptr + "+" + Math.max(0, room - 1 - mask + random.nextInt(2) - 1) + "]");
            }
            case 2 -> emit("st" + SIZES[sizeIndex] + " [" + ptr + (off < 0 ? "" : "+") + off + "], 1");
            default -> {
                boolean wide = random.nextBoolean();
                int b = wide ? 8 : 4;
                int o = room >= b ? random.nextInt(room - b + 1) & ~(b - 1) : 0;
                emit("mov %r3, 1");
                emit("lock add" + (wide ? "" : "32") + " [" + ptr + "+" + o + "], %r3");
            }
        }
    }

    private void ringbuf() {
        int size = chance(2) ? 8 : 16;
        emit("lddw %r1, map_fd 3");
        emit("mov %r2, " + size);
        emit("mov %r3, 0");
        emit("call 131");
        String skip = label();
        if (!chance(8)) {
            emit("jeq %r0, 0, " + skip);
        }
        emit("mov %r9, %r0");
        access("%r0", size, true);
        emit("mov %r1, %r9");
        if (chance(8)) {
            emit("add %r1, 8");
        }
        emit("mov %r2, 0");
        int releases = chance(8) ? 0 : chance(10) ? 2 : 1;
        for (int i = 0; i < releases; i++) {
            if (i > 0) {
                emit("mov %r1, %r9");
                emit("mov %r2, 0");
            }
            emit("call " + (chance(2) ? 132 : 133));
        }
        if (chance(10)) {
            emit("stb [%r9+0], 1");
        }
        emit(skip + ":");
    }

    private void hash() {
        int mask = new int[] {7, 15, 31, 63}[random.nextInt(4)];
        emit("ldxw %r2, [%r6+12]");
        emit("and %r2, " + mask);
        if (chance(2)) {
            emit("mov %r1, %r10");
            emit("add %r1, -32");
        } else {
            emit("lddw %r1, map_value 1, " + (chance(6) ? 8 : 0));
        }
        emit("mov %r3, 0");
        emit("call 1004");
    }
}
