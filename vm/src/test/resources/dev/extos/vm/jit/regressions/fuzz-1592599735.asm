# Saved by DifferentialFuzzTest: the interpreter and the JIT disagreed on the pc of the
# backward-jump-budget fault while the interpreter briefly checked the budget after jumping.
lock fetch add [%r10-368], %r9
stxw [%r10-373], %r7
mul32 %r0, 7
L3:
add %r0, 1
ja L3
stxdw [%r10-8], %r0
stxdw [%r10-16], %r1
stxdw [%r10-24], %r2
stxdw [%r10-32], %r3
stxdw [%r10-40], %r4
stxdw [%r10-48], %r5
stxdw [%r10-56], %r6
stxdw [%r10-64], %r7
stxdw [%r10-72], %r8
stxdw [%r10-80], %r9
exit
