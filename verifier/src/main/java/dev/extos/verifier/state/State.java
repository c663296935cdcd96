package dev.extos.verifier.state;

import dev.extos.isa.Reg;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The abstract machine state on one path: the call frames, innermost last. Immutable. */
public record State(List<Frame> frames) {

    public State {
        frames = List.copyOf(frames);
    }

    /** The innermost frame. */
    public Frame current() {
        return frames.getLast();
    }

    /** Index of the innermost frame (0 = the program's). */
    public int depth() {
        return frames.size() - 1;
    }

    public RegType reg(Reg r) {
        return current().reg(r);
    }

    public State withReg(Reg r, RegType t) {
        return withCurrent(current().withReg(r, t));
    }

    public State withCurrent(Frame f) {
        List<Frame> copy = new ArrayList<>(frames);
        copy.set(copy.size() - 1, f);
        return new State(copy);
    }

    public State withFrame(int index, Frame f) {
        List<Frame> copy = new ArrayList<>(frames);
        copy.set(index, f);
        return new State(copy);
    }

    public State push(Frame f) {
        List<Frame> copy = new ArrayList<>(frames);
        copy.add(f);
        return new State(copy);
    }

    public State pop() {
        return new State(frames.subList(0, frames.size() - 1));
    }

    /** Applies {@code f} to every register and spilled slot of every frame. */
    public State mapAll(UnaryOperator<RegType> f) {
        List<Frame> out = new ArrayList<>(frames.size());
        boolean changed = false;
        for (Frame fr : frames) {
            RegType[] regs = fr.regs();
            boolean regsChanged = false;
            for (int i = 0; i < regs.length; i++) {
                RegType n = f.apply(regs[i]);
                regsChanged |= n != regs[i];
                regs[i] = n;
            }
            Stack st = fr.stack().mapSpills(f);
            if (regsChanged || st != fr.stack()) {
                out.add(new Frame(regs, st, fr.returnPc()));
                changed = true;
            } else {
                out.add(fr);
            }
        }
        return changed ? new State(out) : this;
    }

    /**
     * The same state with packet ids renumbered 1, 2, ... in order of first appearance, so that
     * states differing only in the names of their ids compare equal.
     */
    public State canonical() {
        Map<Integer, Integer> ids = new HashMap<>();
        return mapAll(t -> {
            if (t instanceof RegType.PtrToPacket p && p.id() != 0) {
                int id = ids.computeIfAbsent(p.id(), k -> ids.size() + 1);
                return id == p.id() ? p : new RegType.PtrToPacket(p.area(), id, p.varOff(), p.off(), p.range());
            }
            return t;
        });
    }
}
