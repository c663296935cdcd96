package dev.extos.verifier.engine;

import dev.extos.verifier.state.Frame;
import dev.extos.verifier.state.RegType;
import dev.extos.verifier.state.Stack;
import dev.extos.verifier.state.State;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether an explored state covers a new one: every concrete state of the new one is a concrete
 * state of the old, so every path from the new state was already proven safe from the old.
 */
final class Subsumption {
    private final Map<Integer, Integer> oldToNew = new HashMap<>();
    private final Map<Integer, Integer> newToOld = new HashMap<>();

    private Subsumption() {
    }

    static boolean covers(State old, State now) {
        if (old.frames().size() != now.frames().size()) {
            return false;
        }
        Subsumption s = new Subsumption();
        for (int i = 0; i < old.frames().size(); i++) {
            if (!s.frame(old.frames().get(i), now.frames().get(i))) {
                return false;
            }
        }
        return s.refs(old, now);
    }

    /** The same references are held: pairs already linked through registers, the rest matched one to one. */
    private boolean refs(State old, State now) {
        if (old.refs().size() != now.refs().size()) {
            return false;
        }
        java.util.List<Integer> freeOld = new java.util.ArrayList<>();
        java.util.List<Integer> freeNew = new java.util.ArrayList<>(now.refs());
        for (int o : old.refs()) {
            Integer n = oldToNew.get(o);
            if (n == null) {
                freeOld.add(o);
            } else if (!freeNew.remove(n)) {
                return false;
            }
        }
        for (int i = 0; i < freeOld.size(); i++) {
            if (newToOld.containsKey(freeNew.get(i))) {
                return false; // that reference is something else in the old state
            }
        }
        return true;
    }

    private boolean frame(Frame o, Frame n) {
        if (o.returnPc() != n.returnPc()) {
            return false;
        }
        for (int r = 0; r < 11; r++) {
            if (!reg(o.reg(r), n.reg(r))) {
                return false;
            }
        }
        return stack(o.stack(), n.stack());
    }

    private boolean stack(Stack o, Stack n) {
        for (int i = 0; i < Stack.SIZE; i++) {
            byte ok = o.kind(i);
            byte nk = n.kind(i);
            boolean fine = switch (ok) {
                case Stack.INVALID -> true; // the old state never read it, so nothing can depend on it
                case Stack.MISC -> nk == Stack.MISC || nk == Stack.ZERO
                        || (nk == Stack.SPILL && !n.spill(i).isPointer());
                case Stack.ZERO -> nk == Stack.ZERO;
                default -> nk == Stack.SPILL && ((i & 7) != 0 || reg(o.spill(i), n.spill(i)));
            };
            if (!fine) {
                return false;
            }
        }
        return true;
    }

    private boolean reg(RegType o, RegType n) {
        return switch (o) {
            case RegType.NotInit x -> true; // never read on any path from the old state
            case RegType.ScalarReg(var ov) -> n instanceof RegType.ScalarReg(var nv) && nv.isSubsetOf(ov);
            case RegType.PtrToCtx(var ov) -> n instanceof RegType.PtrToCtx(var nv) && nv.isSubsetOf(ov);
            case RegType.PtrToStack(int f, var ov) -> n instanceof RegType.PtrToStack(int g, var nv) && f == g && nv.isSubsetOf(ov);
            case RegType.PtrToMem(long size, var ov) -> n instanceof RegType.PtrToMem(long s2, var nv) && size == s2 && nv.isSubsetOf(ov);
            case RegType.MapValue m -> n instanceof RegType.MapValue k && k.mapId() == m.mapId() && k.size() == m.size()
                    && k.maybeNull() == m.maybeNull() && k.off().isSubsetOf(m.off()) && sameId(m.id(), k.id());
            case RegType.PtrToRingbuf r -> n instanceof RegType.PtrToRingbuf k && k.size() == r.size()
                    && k.maybeNull() == r.maybeNull() && k.off().isSubsetOf(r.off()) && sameId(r.ref(), k.ref());
            case RegType.PtrToPacket p -> n instanceof RegType.PtrToPacket q && q.area() == p.area() && q.off() == p.off()
                    && q.range() >= p.range() && q.varOff().isSubsetOf(p.varOff()) && sameId(p.id(), q.id());
            case RegType.PacketEnd e -> n.equals(e);
            case RegType.MapHandle h -> n.equals(h);
        };
    }

    private boolean sameId(int o, int n) {
        if (o == 0 || n == 0) {
            return o == n;
        }
        Integer mapped = oldToNew.putIfAbsent(o, n);
        Integer back = newToOld.putIfAbsent(n, o);
        return (mapped == null || mapped == n) && (back == null || back == o);
    }
}
