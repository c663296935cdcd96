# Saved by DifferentialFuzzTest: the interpreter and the JIT disagreed on the pc of the
# backward-jump-budget fault while the interpreter briefly checked the budget after jumping.
L0:
add %r0, 1
ja L0
lddw %r9, 0xa00000007
stdw [%r9+28], -778903027
smod32 %r0, 0x5e1ea1ab
lddw %r8, 0x593b56d005f4c644
mov %r1, %r10
add %r1, -104
call 2
stxb [%r10-406], %r6
and32 %r1, 0x642122c3
jlt32 %r2, %r8, L14
L14:
arsh32 %r1, -2147483648
jsle %r6, 57, L18
lddw %r1, 0x40
L18:
mod %r2, %r6
xor %r7, %r6
xor %r6, %r0
neg %r2
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
