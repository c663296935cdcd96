package dev.extos.vm;

import dev.extos.isa.ExtosException;

/** A program an engine cannot prepare to run, e.g. because a jump leaves the program. */
public final class LoadException extends ExtosException {
    public LoadException(String message) {
        super(message);
    }
}
