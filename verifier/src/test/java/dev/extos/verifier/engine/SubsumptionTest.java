package dev.extos.verifier.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.verifier.domain.Scalar;
import dev.extos.verifier.state.Area;
import dev.extos.verifier.state.Frame;
import dev.extos.verifier.state.RegType;
import dev.extos.verifier.state.Stack;
import dev.extos.verifier.state.State;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubsumptionTest {

    private static State state(RegType r0, RegType r1, Stack stack) {
        RegType[] regs = new RegType[11];
        Arrays.fill(regs, RegType.NOT_INIT);
        regs[0] = r0;
        regs[1] = r1;
        regs[10] = new RegType.PtrToStack(0, Scalar.constant(0));
        return new State(List.of(new Frame(regs, stack, -1)));
    }

    private static State state(RegType r0, RegType r1) {
        return state(r0, r1, Stack.empty());
    }

    private static RegType scalar(long lo, long hi) {
        return RegType.scalar(Scalar.unsigned(lo, hi));
    }

    private static RegType pkt(int id, long off, long range) {
        return new RegType.PtrToPacket(Area.DATA, id, id == 0 ? Scalar.constant(0) : Scalar.unsigned(0, 10), off, range);
    }

    @Test
    void widerRangesCoverNarrowerOnes() {
        assertThat(Subsumption.covers(state(scalar(0, 10), RegType.NOT_INIT), state(scalar(2, 5), RegType.NOT_INIT))).isTrue();
        assertThat(Subsumption.covers(state(scalar(2, 5), RegType.NOT_INIT), state(scalar(0, 10), RegType.NOT_INIT))).isFalse();
    }

    @Test
    void anUnreadRegisterCoversAnything() {
        assertThat(Subsumption.covers(state(RegType.NOT_INIT, RegType.NOT_INIT), state(scalar(0, 1), pkt(0, 0, 0)))).isTrue();
        assertThat(Subsumption.covers(state(scalar(0, 1), RegType.NOT_INIT), state(RegType.NOT_INIT, RegType.NOT_INIT))).isFalse();
    }

    @Test
    void aScalarNeverCoversAPointer() {
        assertThat(Subsumption.covers(state(RegType.scalar(Scalar.UNKNOWN), RegType.NOT_INIT), state(pkt(0, 0, 0), RegType.NOT_INIT))).isFalse();
    }

    @Test
    void moreProvenPacketBytesAreCovered() {
        assertThat(Subsumption.covers(state(pkt(0, 0, 4), RegType.NOT_INIT), state(pkt(0, 0, 8), RegType.NOT_INIT))).isTrue();
        assertThat(Subsumption.covers(state(pkt(0, 0, 8), RegType.NOT_INIT), state(pkt(0, 0, 4), RegType.NOT_INIT))).isFalse();
        assertThat(Subsumption.covers(state(pkt(0, 0, 4), RegType.NOT_INIT), state(pkt(0, 2, 4), RegType.NOT_INIT))).isFalse();
    }

    @Test
    void packetIdsMustMapOneToOne() {
        assertThat(Subsumption.covers(state(pkt(1, 0, 0), pkt(1, 4, 0)), state(pkt(7, 0, 0), pkt(7, 4, 0)))).isTrue();
        assertThat(Subsumption.covers(state(pkt(1, 0, 0), pkt(2, 4, 0)), state(pkt(7, 0, 0), pkt(7, 4, 0)))).isFalse();
        assertThat(Subsumption.covers(state(pkt(1, 0, 0), pkt(1, 4, 0)), state(pkt(7, 0, 0), pkt(8, 4, 0)))).isFalse();
    }

    @Test
    void stackBytesCompareByKind() {
        Stack misc = Stack.empty().withData(504, 8, Stack.MISC);
        Stack zero = Stack.empty().withData(504, 8, Stack.ZERO);
        Stack spilledPtr = Stack.empty().withSpill(504, new RegType.PtrToCtx(Scalar.constant(0)));
        RegType none = RegType.NOT_INIT;
        assertThat(Subsumption.covers(state(none, none, Stack.empty()), state(none, none, spilledPtr))).isTrue();
        assertThat(Subsumption.covers(state(none, none, misc), state(none, none, zero))).isTrue();
        assertThat(Subsumption.covers(state(none, none, zero), state(none, none, misc))).isFalse();
        assertThat(Subsumption.covers(state(none, none, misc), state(none, none, spilledPtr))).isFalse();
        assertThat(Subsumption.covers(state(none, none, spilledPtr), state(none, none, spilledPtr))).isTrue();
        assertThat(Subsumption.covers(state(none, none, misc), state(none, none, Stack.empty()))).isFalse();
    }

    @Test
    void partialOverwriteOfASpillLeavesMiscData() {
        Stack s = Stack.empty().withSpill(504, new RegType.PtrToCtx(Scalar.constant(0))).withData(504, 1, Stack.ZERO);
        assertThat(s.kind(504)).isEqualTo(Stack.ZERO);
        assertThat(s.kind(505)).isEqualTo(Stack.MISC);
        assertThat(s.spill(505)).isNull();
        Stack v = Stack.empty().withData(496, 4, Stack.MISC).withMaybeWritten(490, 500);
        assertThat(v.kind(490)).isEqualTo(Stack.INVALID);
        assertThat(v.kind(497)).isEqualTo(Stack.MISC);
        Stack z = Stack.empty().withData(496, 8, Stack.ZERO).withMaybeWritten(498, 500);
        assertThat(z.kind(497)).isEqualTo(Stack.ZERO);
        assertThat(z.kind(498)).isEqualTo(Stack.MISC);
    }
}
