package dev.extos.verifier.state;

import dev.extos.isa.Reg;
import java.util.Arrays;

/** One function activation: its eleven registers, its stack frame, and where to return (-1 for the program). */
public final class Frame {
    private final RegType[] regs;
    private final Stack stack;
    private final int returnPc;
    private int hash;          // computed on first use: most frames are never hashed

    public Frame(RegType[] regs, Stack stack, int returnPc) {
        if (regs.length != 11) {
            throw new IllegalArgumentException("a frame has 11 registers");
        }
        this.regs = regs.clone();
        this.stack = stack;
        this.returnPc = returnPc;
    }

    public RegType reg(Reg r) {
        return regs[r.number()];
    }

    public RegType reg(int n) {
        return regs[n];
    }

    public Stack stack() {
        return stack;
    }

    public int returnPc() {
        return returnPc;
    }

    public Frame withReg(Reg r, RegType t) {
        RegType[] copy = regs.clone();
        copy[r.number()] = t;
        return new Frame(copy, stack, returnPc);
    }

    public Frame withRegs(RegType[] all) {
        return new Frame(all, stack, returnPc);
    }

    public RegType[] regs() {
        return regs.clone();
    }

    public Frame withStack(Stack s) {
        return new Frame(regs, s, returnPc);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.hashCode() == hashCode() && f.returnPc == returnPc && Arrays.equals(f.regs, regs) && f.stack.equals(stack);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = (Arrays.hashCode(regs) * 31 + stack.hashCode()) * 31 + returnPc;
            hash = h == 0 ? 1 : h;
        }
        return hash;
    }
}
