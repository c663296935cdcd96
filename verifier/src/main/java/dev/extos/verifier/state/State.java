package dev.extos.verifier.state;

import dev.extos.isa.Reg;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The abstract machine state on one path: the call frames, innermost last, and the references
 * (ring-buffer reservations, by id, ascending) the program holds and must release before it exits. Immutable.
 */
public record State(List<Frame> frames, List<Integer> refs) {

    public State {
        frames = List.copyOf(frames);
        refs = refs.isEmpty() ? List.of() : List.copyOf(new java.util.TreeSet<>(refs)); // most states hold none: keep that cheap
    }

    /** A state holding no references. */
    public State(List<Frame> frames) {
        this(frames, List.of());
    }

    /** The same state also holding reference {@code ref}. */
    public State withRef(int ref) {
        List<Integer> r = new ArrayList<>(refs);
        r.add(ref);
        return new State(frames, r);
    }

    /** The same state without reference {@code ref}. */
    public State withoutRef(int ref) {
        List<Integer> r = new ArrayList<>(refs);
        r.remove(Integer.valueOf(ref));
        return new State(frames, r);
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
        return new State(copy, refs);
    }

    public State withFrame(int index, Frame f) {
        List<Frame> copy = new ArrayList<>(frames);
        copy.set(index, f);
        return new State(copy, refs);
    }

    public State push(Frame f) {
        List<Frame> copy = new ArrayList<>(frames);
        copy.add(f);
        return new State(copy, refs);
    }

    public State pop() {
        return new State(frames.subList(0, frames.size() - 1), refs);
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
        return changed ? new State(out, refs) : this;
    }

    /**
     * The same state with ids (packet families, lookups, references) renumbered 1, 2, ... in
     * order of first appearance, so that states differing only in the names of their ids compare equal.
     */
    public State canonical() {
        Map<Integer, Integer> ids = new HashMap<>();
        State renamed = mapAll(t -> switch (t) {
            case RegType.PtrToPacket p when p.id() != 0 -> {
                int id = ids.computeIfAbsent(p.id(), k -> ids.size() + 1);
                yield id == p.id() ? p : new RegType.PtrToPacket(p.area(), id, p.varOff(), p.off(), p.range());
            }
            case RegType.MapValue m when m.id() != 0 -> {
                int id = ids.computeIfAbsent(m.id(), k -> ids.size() + 1);
                yield id == m.id() ? m : new RegType.MapValue(m.mapId(), m.size(), m.maybeNull(), id, m.off());
            }
            case RegType.PtrToRingbuf r -> {
                int id = ids.computeIfAbsent(r.ref(), k -> ids.size() + 1);
                yield id == r.ref() ? r : new RegType.PtrToRingbuf(id, r.size(), r.maybeNull(), r.off());
            }
            default -> t;
        });
        if (refs.isEmpty()) {
            return renamed;
        }
        List<Integer> r = new ArrayList<>();
        for (int ref : refs) {
            r.add(ids.computeIfAbsent(ref, k -> ids.size() + 1));
        }
        return new State(renamed.frames(), r);
    }
}
