package dev.extos.verifier.engine;

import dev.extos.verifier.ProgramType;
import dev.extos.verifier.RegionKind;

/** What the rules need from the run: the program type, fresh packet ids, and a place to record facts. */
interface Env {
    ProgramType type();

    /** A packet id not used before in this run. */
    int newId();

    /** Notes that the memory instruction being checked touches a region of this kind. */
    void touch(RegionKind kind);
}
