package dev.extos.vm.maps;

import dev.extos.verifier.HelperCatalog;
import dev.extos.verifier.HelperPrototype;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.Executable;
import dev.extos.vm.Helper;
import dev.extos.vm.MemoryFault;
import dev.extos.vm.runtime.TailCalls;
import java.util.List;

/**
 * The helpers that work on maps, with the kernel's numbers, arguments and error returns: lookup,
 * update, delete, push, pop, peek, tail_call and the four ring buffer helpers. They find the map
 * from its handle through the {@link ProgramMaps} installed in the address space, and read and
 * write the program's memory through the address space's checked accesses. A handle that names
 * no installed map is a fault of the call (the verifier rules it out for verified programs).
 */
public final class MapHelpers {
    private MapHelpers() {
    }

    /** Every map helper, paired with its prototype from {@link HelperCatalog}. */
    public static List<Helper> all() {
        return List.of(
                new Helper(HelperCatalog.MAP_LOOKUP_ELEM, MapHelpers::lookup),
                new Helper(HelperCatalog.MAP_UPDATE_ELEM, MapHelpers::update),
                new Helper(HelperCatalog.MAP_DELETE_ELEM, MapHelpers::delete),
                new Helper(HelperCatalog.TAIL_CALL, MapHelpers::tailCall),
                new Helper(HelperCatalog.MAP_PUSH_ELEM, MapHelpers::push),
                new Helper(HelperCatalog.MAP_POP_ELEM, (m, map, value, c, d, e) -> take(m, map, value, true)),
                new Helper(HelperCatalog.MAP_PEEK_ELEM, (m, map, value, c, d, e) -> take(m, map, value, false)),
                new Helper(HelperCatalog.RINGBUF_OUTPUT, MapHelpers::output),
                new Helper(HelperCatalog.RINGBUF_RESERVE, MapHelpers::reserve),
                new Helper(HelperCatalog.RINGBUF_SUBMIT, (m, ptr, flags, c, d, e) -> commit(m, ptr, flags, false)),
                new Helper(HelperCatalog.RINGBUF_DISCARD, (m, ptr, flags, c, d, e) -> commit(m, ptr, flags, true)));
    }

    private static BpfMap map(AddressSpace memory, long handle, HelperPrototype helper) {
        ProgramMaps maps = ProgramMaps.installedIn(memory);
        BpfMap map = maps == null || (handle & 0xffffffffL) != 0 ? null : maps.byAddress(handle);
        if (map == null) {
            throw new MemoryFault(helper.name() + ": 0x" + Long.toHexString(handle) + " is not the handle of a map"
                    + (maps == null ? " (no maps are installed in this address space)" : " (the program has " + maps.size() + " maps)"));
        }
        return map;
    }

    private static long lookup(AddressSpace memory, long handle, long key, long c, long d, long e) {
        BpfMap map = map(memory, handle, HelperCatalog.MAP_LOOKUP_ELEM);
        // Arrays, the counters' map, read their 4-byte key directly instead of copying it out.
        long offset = map instanceof ArrayMap array ? array.offsetOf(memory.load32(key))
                : map.lookupOffset(memory.read(key, map.spec().keySize()));
        return offset < 0 ? 0 : handle + offset;
    }

    private static long update(AddressSpace memory, long handle, long key, long value, long flags, long e) {
        BpfMap map = map(memory, handle, HelperCatalog.MAP_UPDATE_ELEM);
        return map.programUpdate(memory.read(key, map.spec().keySize()), memory.read(value, map.spec().valueSize()), flags);
    }

    private static long delete(AddressSpace memory, long handle, long key, long c, long d, long e) {
        BpfMap map = map(memory, handle, HelperCatalog.MAP_DELETE_ELEM);
        return map.programDelete(memory.read(key, map.spec().keySize()));
    }

    /** Fails with -ENOENT for an empty slot or an index outside the array, -E2BIG past the 33-call limit. */
    private static long tailCall(AddressSpace memory, long context, long handle, long index, long d, long e) {
        if (!(map(memory, handle, HelperCatalog.TAIL_CALL) instanceof ProgramArray programs)) {
            return -Errno.EINVAL;
        }
        Executable target = programs.get(index & 0xffffffffL);
        if (target == null) {
            return -Errno.ENOENT;
        }
        TailCalls.tailCall(memory, target, context);
        return -Errno.E2BIG;
    }

    private static long push(AddressSpace memory, long handle, long value, long flags, long d, long e) {
        if (!(map(memory, handle, HelperCatalog.MAP_PUSH_ELEM) instanceof QueueMap queue)) {
            return -Errno.EINVAL;
        }
        return queue.push(memory.read(value, queue.spec().valueSize()), flags);
    }

    private static long take(AddressSpace memory, long handle, long value, boolean remove) {
        if (!(map(memory, handle, remove ? HelperCatalog.MAP_POP_ELEM : HelperCatalog.MAP_PEEK_ELEM) instanceof QueueMap queue)) {
            return -Errno.EINVAL;
        }
        byte[] v = queue.take(remove);
        if (v == null) {
            // The verifier counts the value as written on every return: zero it, as the kernel does.
            memory.write(value, new byte[queue.spec().valueSize()]);
            return -Errno.ENOENT;
        }
        memory.write(value, v);
        return 0;
    }

    private static long output(AddressSpace memory, long handle, long data, long size, long flags, long e) {
        if (!(map(memory, handle, HelperCatalog.RINGBUF_OUTPUT) instanceof RingBuffer ring)) {
            return -Errno.EINVAL;
        }
        if (size < 0 || size > ring.capacity()) {
            return -Errno.E2BIG;
        }
        return ring.output(memory.read(data, (int) size), flags);
    }

    private static long reserve(AddressSpace memory, long handle, long size, long flags, long d, long e) {
        if (!(map(memory, handle, HelperCatalog.RINGBUF_RESERVE) instanceof RingBuffer ring)) {
            return 0;
        }
        long offset = ring.reserve(size, flags);
        return offset < 0 ? 0 : handle + offset;
    }

    private static long commit(AddressSpace memory, long pointer, long flags, boolean discard) {
        HelperPrototype helper = discard ? HelperCatalog.RINGBUF_DISCARD : HelperCatalog.RINGBUF_SUBMIT;
        ProgramMaps maps = ProgramMaps.installedIn(memory);
        BpfMap map = maps == null ? null : maps.byAddress(pointer);
        if (!(map instanceof RingBuffer ring) || !ring.commit(pointer & 0xffffffffL, discard, flags)) {
            throw new MemoryFault(helper.name() + ": 0x" + Long.toHexString(pointer)
                    + " is not a record that ringbuf_reserve returned and that is still open");
        }
        return 0;
    }
}
