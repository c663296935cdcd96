# Saved by DifferentialFuzzTest: the interpreter and the JIT disagreed on the pc of the
# backward-jump-budget fault while the interpreter briefly checked the budget after jumping.
sdiv %r2, 32768
sdiv32 %r8, -1210517899
arsh32 %r0, %r0
jeq %r3, %r1, L6
lddw %r8, 0xa0000002c
L6:
stxdw [%r8-41], %r9
stw [%r10-455], 0
L8:
add %r0, 1
ja L8
sdiv %r0, %r7
jne %r0, 52, L14
add32 %r7, 0
stxw [%r10-162], %r1
L14:
mov %r1, %r10
add %r1, -112
call 2
mov %r9, 0
L18:
lddw %r8, 0xa00000005
stb [%r8-5], -1083841015
stw [%r10-348], 0x5a10532a
add %r9, 1
jne32 %r9, 1, L18
mov %r9, 5
L25:
and32 %r2, 1
sth [%r10-51], 32767
xor %r7, -1985229329
rsh %r5, 37
ldxw %r6, [%r10-181]
add %r9, -1
jge %r9, 1, L25
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
