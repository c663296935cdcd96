package dev.extos.vm.maps;

import static dev.extos.vm.maps.MapPrograms.u32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.extos.isa.MapSpec;
import dev.extos.isa.MapType;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.MemoryFault;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A program's map list: creation against an account, installation in an address space. */
class ProgramMapsTest {

    @Test
    void creatingPastTheAccountsLimitIsATypedErrorNamingTheMapAndTheFigures() {
        MapAccount account = new MapAccount("client 7", 10_000);
        List<MapSpec> specs = List.of(MapSpec.of("small", MapType.ARRAY, 4, 8, 10), MapSpec.of("big", MapType.ARRAY, 4, 8, 10_000));
        assertThatThrownBy(() -> ProgramMaps.create(specs, account)).isInstanceOfSatisfying(MapLimitExceededException.class, e -> {
            assertThat(e.map()).isEqualTo("big");
            assertThat(e.requested()).isEqualTo(80_000 + BpfMap.MAP_OVERHEAD);
            assertThat(e.limit()).isEqualTo(10_000);
            assertThat(e.used()).isEqualTo(80 + BpfMap.MAP_OVERHEAD);
            assertThat(e.getMessage()).contains("map 'big' needs 80256 bytes", "account 'client 7' already uses 336 of its 10000-byte limit");
        });
        // The maps created before the failure gave their memory back.
        assertThat(account.used()).isZero();
    }

    @Test
    void closingMapsGivesTheirMemoryBackToTheAccount() {
        MapAccount account = new MapAccount("app", 1 << 20);
        ProgramMaps maps = ProgramMaps.create(List.of(MapSpec.of("h", MapType.HASH, 8, 16, 100),
                MapSpec.of("rb", MapType.RINGBUF, 0, 0, 4096)), account);
        long hashBytes = (100L + Cpus.count()) * 16 + (100L + Cpus.count()) * (8 + 64) + BpfMap.MAP_OVERHEAD;
        assertThat(maps.get(0).chargedBytes()).isEqualTo(hashBytes);
        assertThat(account.used()).isEqualTo(hashBytes + 4096 + BpfMap.MAP_OVERHEAD);
        maps.close();
        maps.close();
        assertThat(account.used()).isZero();
    }

    @Test
    void installingMapsMakesMapIRegionSixteenPlusIAndAttachesTheList() {
        try (ProgramMaps maps = ProgramMaps.create(List.of(MapSpec.of("a", MapType.ARRAY, 4, 8, 2),
                MapSpec.global(".rodata", 4, new byte[] {1, 2, 3, 4}, true)), MapAccount.unlimited("t"))) {
            AddressSpace space = new AddressSpace();
            assertThat(ProgramMaps.installedIn(space)).isNull();
            maps.install(space);
            assertThat(ProgramMaps.installedIn(space)).isSameAs(maps);
            maps.get(0).update(u32(1), MapPrograms.u64(99), 0);
            assertThat(space.load64(ProgramMaps.handle(0) + 8)).isEqualTo(99);
            assertThat(space.load32(ProgramMaps.handle(1))).isEqualTo(0x04030201L);
            assertThatThrownBy(() -> space.store8(ProgramMaps.handle(1), 0)).isInstanceOf(MemoryFault.class).hasMessageContaining("read-only");
            assertThatThrownBy(() -> space.load64(ProgramMaps.handle(0) + 16)).isInstanceOf(MemoryFault.class);
            assertThat(maps.byName(".rodata")).containsSame(maps.get(1));
            assertThat(maps.describe(1)).isEqualTo("""
                    map 0 a: array key 4 value 8 max 2
                      00000000: 0000000000000000
                      ... 1 more
                    map 1 .rodata: array key 4 value 4 max 1 read-only (4 bytes initialised)
                      00000000: 01020304
                    """);
            try (ProgramMaps other = ProgramMaps.create(List.of(MapSpec.of("b", MapType.ARRAY, 4, 8, 1)), MapAccount.unlimited("t"))) {
                other.install(space);
                assertThat(space.load64(ProgramMaps.handle(0))).isZero();
                assertThatThrownBy(() -> space.load8(ProgramMaps.handle(1))).isInstanceOf(MemoryFault.class)
                        .hasMessageContaining("outside no map 1");
            }
            assertThatThrownBy(() -> maps.get(0, RingBuffer.class)).hasMessageContaining("map 0 ('a') is a map of type array, not a RingBuffer");
        }
    }
}
