# Saved by DifferentialFuzzTest: the interpreter and the JIT disagreed on the pc of the
# backward-jump-budget fault while the interpreter briefly checked the budget after jumping.
be16 %r2
mul32 %r9, %r9
lock xchg32 [%r10-76], %r3
rsh32 %r1, 1
stdw [%r10-503], 0x1a50b632
add32 %r0, %r5
lock xor [%r10-432], %r9
lddw %r8, 0x20
sdiv32 %r3, %r7
L10:
add %r0, 1
ja L10
ldxdw %r1, [%r10-387]
smod %r5, -1840252656
and32 %r3, 128
lddw %r8, 0xa0000000b
ldxdw %r6, [%r8+23]
lddw %r4, 0x7fffffff
call 1
jslt %r7, %r3, L26
lddw %r5, 0x7
ldxw %r8, [%r10-100]
arsh32 %r0, -1549435680
L26:
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
