package dev.extos.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** The program's view of memory: regions at fixed bases, checked on every access. */
class AddressSpaceTest {

    @Test
    void hostRegionsGetSuccessiveBasesAfterTheFixedLayout() {
        AddressSpace space = new AddressSpace();
        long a = space.map("a", AddressSpace.allocate(16), true);
        long b = space.map("b", AddressSpace.allocate(16), true);
        assertThat(a).isEqualTo((long) AddressSpace.FIRST_HOST_REGION << 32);
        assertThat(b - a).isEqualTo(1L << 32);
        assertThat(AddressSpace.stackTop(0)).isEqualTo((2L << 32) + 512);
    }

    @Test
    void valuesAreLittleEndianAndLoadsZeroExtend() {
        AddressSpace space = new AddressSpace();
        long base = space.map("m", AddressSpace.allocate(8), true);
        space.store64(base, 0x8877665544332211L);
        assertThat(space.load8(base)).isEqualTo(0x11);
        assertThat(space.load16(base + 6)).isEqualTo(0x8877);
        assertThat(space.load32(base + 4)).isEqualTo(0x88776655L);
        assertThat(space.read(base, 2)).containsExactly(0x11, 0x22);
    }

    @Test
    void remappingSwapsTheSegmentBehindARegionWithoutMovingIt() {
        AddressSpace space = new AddressSpace();
        MemorySegment first = MemorySegment.ofArray(new byte[] {1, 2});
        MemorySegment second = MemorySegment.ofArray(new byte[] {7, 8, 9});
        long base = space.map("record", first, false);
        space.remap(base, second);
        assertThat(space.load8(base + 2)).isEqualTo(9);
        assertThatThrownBy(() -> space.store8(base, 0)).isInstanceOf(MemoryFault.class).hasMessageContaining("record is read-only");
        assertThatThrownBy(() -> space.remap(base + 1, first)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReadOnlySegmentStaysReadOnlyEvenIfMappedWritable() {
        AddressSpace space = new AddressSpace();
        long base = space.map("file", AddressSpace.allocate(4).asReadOnly(), true);
        assertThatThrownBy(() -> space.store32(base, 1)).isInstanceOf(MemoryFault.class).hasMessageContaining("read-only");
    }

    @Test
    void addressesOutsideEveryRegionFault() {
        AddressSpace space = new AddressSpace();
        assertThatThrownBy(() -> space.load8(0)).hasMessageContaining("null pointer");
        assertThatThrownBy(() -> space.load8(500L << 32)).hasMessageContaining("no memory is mapped there");
        assertThatThrownBy(() -> space.load8(-1)).hasMessageContaining("no memory is mapped there");
        assertThatThrownBy(() -> space.load8(1L << 32)).as("no context mapped yet").hasMessageContaining("no memory is mapped there");
    }
}
