package dev.extos.verifier.state;

import dev.extos.verifier.domain.Scalar;
import java.util.Objects;

/** What a register (or a spilled stack slot) holds on a path: its kind and, where it applies, its value range. */
public sealed interface RegType {

    /**
     * Never written on this path, or no longer usable ({@code why} says why, e.g. the ring-buffer
     * memory it pointed to was released; empty for plain "never written"): reading it is an error.
     */
    record NotInit(String why) implements RegType {
        public NotInit {
            Objects.requireNonNull(why);
        }

        @Override
        public String toString() {
            return "?";
        }
    }

    /** A number. */
    record ScalarReg(Scalar value) implements RegType {
        public ScalarReg {
            Objects.requireNonNull(value);
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }

    /** A pointer into the context at offset {@code off}. */
    record PtrToCtx(Scalar off) implements RegType {
        @Override
        public String toString() {
            return "ctx(" + offText(off) + ")";
        }
    }

    /** A pointer into the stack frame of call depth {@code frame}, {@code off} bytes from its top (so off < 0). */
    record PtrToStack(int frame, Scalar off) implements RegType {
        @Override
        public String toString() {
            return "fp" + (off.isConstant() ? Long.toString(off.constantValue()) : off.toString()) + (frame == 0 ? "" : "@" + frame);
        }
    }

    /**
     * A pointer into a packet-like area: {@code off} bytes past (start + a variable part); pointers
     * sharing {@code id} share the variable part ({@code varOff}; id 0 means none). {@code range}
     * bytes past start + variable part are proven to be inside the area.
     */
    record PtrToPacket(Area area, int id, Scalar varOff, long off, long range) implements RegType {
        @Override
        public String toString() {
            return area.label() + "(" + (id == 0 ? "" : "id=" + id + ",var=" + varOff + ",") + "off=" + off + ",r=" + range + ")";
        }
    }

    /** One past the last byte of a packet-like area (for META this role is played by DATA's start). */
    record PacketEnd(Area area) implements RegType {
        @Override
        public String toString() {
            return area.label() + "_end";
        }
    }

    /** A pointer into the conformance memory buffer of {@code size} bytes. */
    record PtrToMem(long size, Scalar off) implements RegType {
        @Override
        public String toString() {
            return "mem(size=" + size + "," + offText(off) + ")";
        }
    }

    /**
     * A pointer into a value of map {@code mapId} ({@code size} bytes), possibly null until checked.
     * A maybe-null pointer carries the {@code id} of the lookup that produced it (copies share it,
     * so one null check resolves them all); a checked pointer has id 0.
     */
    record MapValue(int mapId, long size, boolean maybeNull, int id, Scalar off) implements RegType {
        /** A non-null pointer {@code off} bytes into a value. */
        public MapValue(int mapId, long size, Scalar off) {
            this(mapId, size, false, 0, off);
        }

        @Override
        public String toString() {
            return "map_value" + (maybeNull ? "_or_null" : "") + "(map=" + mapId + (id == 0 ? "" : ",id=" + id) + ",size=" + size
                    + "," + offText(off) + ")";
        }
    }

    /**
     * A pointer into {@code size} bytes of ring-buffer memory reserved by {@code ringbuf_reserve},
     * possibly null until checked. {@code ref} names the reservation: copies share it, and the
     * program must release it (submit or discard) on every path.
     */
    record PtrToRingbuf(int ref, long size, boolean maybeNull, Scalar off) implements RegType {
        @Override
        public String toString() {
            return "ringbuf_mem" + (maybeNull ? "_or_null" : "") + "(ref=" + ref + ",size=" + size + "," + offText(off) + ")";
        }
    }

    /** A map itself, as helpers take it. */
    record MapHandle(int mapId) implements RegType {
        @Override
        public String toString() {
            return "map_ptr(" + mapId + ")";
        }
    }

    /** The shared "not initialised" value. */
    NotInit NOT_INIT = new NotInit("");

    /** A scalar register of this value. */
    static RegType scalar(Scalar s) {
        return new ScalarReg(s);
    }

    /** True for any pointer kind. */
    default boolean isPointer() {
        return !(this instanceof NotInit) && !(this instanceof ScalarReg);
    }

    /** The id shared by copies of a maybe-null pointer (0 for anything else). */
    default int nullId() {
        return switch (this) {
            case MapValue m when m.maybeNull() -> m.id();
            case PtrToRingbuf p when p.maybeNull() -> p.ref();
            default -> 0;
        };
    }

    private static String offText(Scalar off) {
        return "off=" + off;
    }
}
