# Saved by DifferentialFuzzTest: the interpreter and the JIT disagreed on the pc of the
# backward-jump-budget fault while the interpreter briefly checked the budget after jumping.
lddw %r9, 0xa00000028
lock fetch add32 [%r9+0], %r4
lock xchg [%r10-336], %r2
call 1
L5:
add %r0, 1
ja L5
lddw %r5, 0xa00000004
lock or32 [%r5+0], %r6
sub %r8, 57
arsh %r8, %r3
stxw [%r10-9], %r0
mod %r1, %r6
add %r2, 46
mod %r2, %r2
mov %r0, -993154763
stdw [%r10-362], 0x142340c6
arsh %r3, -426213271
or32 %r2, %r3
lddw %r7, 0xa00000010
ldxh %r4, [%r7+43]
stw [%r10-129], 0x7353e780
lddw %r0, 0xa00000018
ldxw %r5, [%r0-18]
mod32 %r3, 31
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
