# Saved by DifferentialFuzzTest: the interpreter and the JIT disagreed on the pc of the
# backward-jump-budget fault while the interpreter briefly checked the budget after jumping.
call local L20
ldxw %r8, [%r10-301]
mul %r8, %r9
lddw %r3, 0xa00000034
lock xchg32 [%r3+0], %r1
jne32 %r7, %r2, L8
stxb [%r10-204], %r5
L8:
sdiv32 %r5, -119118868
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
L20:
lddw %r2, 0xa00000038
lock fetch or [%r2+0], %r7
smod %r2, -578321571
lock fetch xor [%r10-184], %r6
add32 %r3, %r4
div %r3, -2115894182
lddw %r8, 0xa00000028
stxw [%r8+18], %r0
L30:
add %r0, 1
ja L30
lddw %r9, 0xa00000010
lock and [%r9+0], %r8
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
stxw [%r10-310], %r2
neg %r0
smod %r6, -1
mov32 %r1, 53
lddw %r7, 0xa00000038
lock fetch xor32 [%r7+0], %r0
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
