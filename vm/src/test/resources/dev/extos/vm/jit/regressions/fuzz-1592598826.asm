# Saved by DifferentialFuzzTest: the interpreter and the JIT disagreed on the pc of the
# backward-jump-budget fault while the interpreter briefly checked the budget after jumping.
lddw %r4, 0xfefe4b74d13f5dec
lddw %r3, 0xa00000018
lock fetch and [%r3+0], %r7
jeq32 %r8, %r8, L8
lsh %r6, 0x43c58540
sth [%r10-122], 32
L8:
div %r7, %r8
arsh %r8, 2
jge %r7, 0x6570e9a6, L15
lddw %r3, 0xffff
arsh32 %r4, %r5
stxdw [%r10-248], %r8
L15:
mod32 %r3, %r9
mul %r8, %r7
movsx1664 %r3, %r2
L18:
add %r0, 1
ja L18
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
