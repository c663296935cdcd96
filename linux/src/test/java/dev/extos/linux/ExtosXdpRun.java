package dev.extos.linux;

import dev.extos.isa.MapSpec;
import dev.extos.isa.Program;
import dev.extos.verifier.ProgramType;
import dev.extos.verifier.Verdict;
import dev.extos.verifier.VerifiedProgram;
import dev.extos.verifier.Verifier;
import dev.extos.verifier.VerifierOptions;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.Engine;
import dev.extos.vm.Executable;
import dev.extos.vm.HelperTable;
import dev.extos.vm.HostContext;
import dev.extos.vm.maps.ProgramMaps;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One XDP program on ExtOS's side of the oracle: verified as XDP, loaded in an engine and run on
 * a packet through {@link HostContext}, with {@code ingress_ifindex} set to what the kernel's
 * test runs report (the loopback device's index), so that both sides see the same context.
 */
final class ExtosXdpRun {
    /** The interface index PROG_TEST_RUN gives XDP programs that pass no context: the loopback device's. */
    static final int LOOPBACK_IFINDEX = loopbackIfindex();

    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** What one run gave: r0 and the packet afterwards, or the fault that ended it. */
    record Outcome(long r0, byte[] packet, String fault) {
    }

    private ExtosXdpRun() {
    }

    /** ExtOS's verdict on {@code program} as XDP with {@code maps}. */
    static Verdict verify(Program program, List<MapSpec> maps) {
        return Verifier.verify(program, ProgramType.xdp(), maps, VerifierOptions.DEFAULT);
    }

    /** Runs an accepted program once on a copy of {@code packet}, with {@code maps} installed (or none). */
    static Outcome run(Engine engine, VerifiedProgram program, byte[] packet, ProgramMaps maps) {
        Executable exe = engine.load(program, HelperTable.standard());
        return run(exe, packet, maps);
    }

    /** Runs a loaded program once on a copy of {@code packet}. */
    static Outcome run(Executable exe, byte[] packet, ProgramMaps maps) {
        AddressSpace space = new AddressSpace();
        if (maps != null) {
            maps.install(space);
        }
        MemorySegment data = AddressSpace.allocate(packet.length);
        data.copyFrom(MemorySegment.ofArray(packet));
        ProgramType xdp = ProgramType.xdp();
        long ctx = HostContext.prepare(space, xdp, data, MemorySegment.ofArray(new byte[0]));
        space.segment(ctx).set(U32, xdp.fieldOffset("ingress_ifindex"), LOOPBACK_IFINDEX);
        try {
            long r0 = exe.run(space, ctx);
            return new Outcome(r0, data.toArray(ValueLayout.JAVA_BYTE), null);
        } catch (RuntimeException e) {
            return new Outcome(0, data.toArray(ValueLayout.JAVA_BYTE), e.toString());
        }
    }

    private static int loopbackIfindex() {
        try {
            return Integer.parseInt(Files.readString(Path.of("/sys/class/net/lo/ifindex")).strip());
        } catch (IOException | NumberFormatException e) {
            return 1;
        }
    }
}
