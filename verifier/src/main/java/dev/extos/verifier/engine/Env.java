package dev.extos.verifier.engine;

import dev.extos.isa.MapSpec;
import dev.extos.verifier.ProgramType;
import dev.extos.verifier.RegionKind;
import java.util.List;

/** What the rules need from the run: the program type, its maps, fresh ids, and a place to record facts. */
interface Env {
    ProgramType type();

    /** The program's maps: {@code lddw rX, map_fd i} is map i. */
    List<MapSpec> maps();

    /** An id (packet family, lookup result, reference) not used before in this run. */
    int newId();

    /** The instruction being checked (for messages that point back at it later). */
    int pc();

    /** Notes that the memory instruction being checked touches a region of this kind. */
    void touch(RegionKind kind);

    /** Notes that the memory instruction being checked touches a value of map {@code mapId}. */
    void touchMap(int mapId);

    /** Notes that the memory instruction being checked accesses the context field at {@code offset}. */
    void touchContextField(int offset);

    /** A fresh id for a reference acquired by the instruction being checked. */
    int newRef();

    /** Where reference {@code ref} was acquired (its ringbuf_reserve call), for messages. */
    int refOrigin(int ref);
}
