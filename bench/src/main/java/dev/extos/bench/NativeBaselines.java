package dev.extos.bench;

import dev.extos.isa.Program;
import dev.extos.isa.asm.Assembler;
import dev.extos.linux.Bpf;
import dev.extos.linux.KernelRejectedException;
import dev.extos.linux.LoadedProgram;
import dev.extos.linux.Privileges;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The two native columns of {@code run-bench jit}: the same function compiled by {@code gcc -O2}
 * (timed by a small C harness), and the XDP form run by the Linux kernel's JIT through
 * {@code BPF_PROG_TEST_RUN} (timed by the kernel). Each says why when it cannot run.
 */
final class NativeBaselines {
    private NativeBaselines() {
    }

    /** A figure in ns per run, or the reason there is none. */
    record Figure(double nanos, String absent) {
        static Figure of(double nanos) {
            return new Figure(nanos, null);
        }

        static Figure absent(String why) {
            return new Figure(Double.NaN, why);
        }

        boolean present() {
            return absent == null;
        }
    }

    /** Calls per timed round, so that a round lasts tens of milliseconds. */
    private static long callsPerRound(String name) {
        return switch (name) {
            case "sumLoop", "countNewlines" -> 2_000;
            default -> 10_000_000;
        };
    }

    /** Compiles {@code c/NAME.c} with the harness into {@code dir} and times it: best of 10 rounds. */
    static Figure gcc(JitWorkload w, Path dir) {
        Path gcc = onPath("gcc");
        if (gcc == null) {
            return Figure.absent("gcc absent");
        }
        try {
            Path harness = extract("harness.c", dir);
            Path source = extract(w.name() + ".c", dir);
            Path binary = dir.resolve(w.name());
            String compiled = exec(List.of(gcc.toString(), "-O2", "-o", binary.toString(), harness.toString(), source.toString()));
            if (!Files.isExecutable(binary)) {
                return Figure.absent("gcc failed: " + compiled.strip());
            }
            Path data = dir.resolve(w.name() + ".data");
            Files.write(data, w.data());
            String out = exec(List.of(binary.toString(), data.toString(), Long.toString(w.cLen()),
                    Long.toString(callsPerRound(w.name())), "10")).strip();
            String[] parts = out.split(" ");
            long result = Long.parseLong(parts[1]);
            if (result != w.expectedResult()) {
                return Figure.absent("C returned " + result + ", expected " + w.expectedResult());
            }
            return Figure.of(Double.parseDouble(parts[0]));
        } catch (IOException | RuntimeException e) {
            return Figure.absent("gcc run failed: " + e.getMessage());
        }
    }

    /** Loads the XDP form into the kernel and times it with BPF_PROG_TEST_RUN: best of 5 rounds, scaled to the whole data. */
    static Figure kernel(JitWorkload w) {
        if (!Bpf.supported()) {
            return Figure.absent("no bpf() on this platform");
        }
        if (!Privileges.bpfAvailable()) {
            return Figure.absent(Privileges.whyNot().orElse("bpf() not permitted"));
        }
        var program = Assembler.assemble(w.kernel());
        try (LoadedProgram p = loadXdp(program)) {
            int repeat = (int) Math.min(1_000_000, callsPerRound(w.name()) * (w.name().equals("countNewlines") ? 10 : 1));
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                Bpf.TestRun run = Bpf.testRun(p, w.kernelPacket(), repeat);
                if (run.retval() != (w.kernelExpectedResult() & 0xffffffffL)) {
                    return Figure.absent("kernel returned " + run.retval() + ", expected " + (w.kernelExpectedResult() & 0xffffffffL));
                }
                best = Math.min(best, run.nanosPerRun());
            }
            return Figure.of(best * w.kernelScale());
        } catch (KernelRejectedException e) {
            return Figure.absent("kernel refused: " + e.errnoName() + " " + KernelRejectedException.lastLines(e.log(), 2).strip());
        }
    }

    /** Loads without a log (a long loop's log overflows even 16 MiB); on refusal, again with one to say why. */
    private static LoadedProgram loadXdp(Program program) throws KernelRejectedException {
        try {
            return Bpf.load(Bpf.BPF_PROG_TYPE_XDP, program, "GPL", 0);
        } catch (KernelRejectedException e) {
            Bpf.load(Bpf.BPF_PROG_TYPE_XDP, program, "GPL", 1).close();
            throw e;
        }
    }

    private static Path extract(String resource, Path dir) throws IOException {
        try (InputStream in = NativeBaselines.class.getResourceAsStream("c/" + resource)) {
            if (in == null) {
                throw new IOException("resource c/" + resource + " missing from the bench jar");
            }
            Path out = dir.resolve(resource);
            Files.write(out, in.readAllBytes());
            return out;
        }
    }

    private static Path onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Runs {@code command}, returns its output (stdout and stderr); fails if it does not end within two minutes. */
    private static String exec(List<String> command) throws IOException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(command.getFirst() + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IOException(command.getFirst() + " exited with " + p.exitValue() + ": " + out.strip());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
