# Saved by DifferentialFuzzTest: the interpreter and the JIT disagreed on the pc of the
# backward-jump-budget fault while the interpreter briefly checked the budget after jumping.
rsh32 %r2, %r4
div32 %r9, 0x6860b8e9
stxh [%r10-202], %r1
L3:
add %r0, 1
ja L3
call local L52
lddw %r0, 0x1
call 1
stb [%r10-359], -524670782
mov %r5, 1
call %r5
and %r5, %r5
lddw %r7, 0xa00000030
stw [%r7-25], 32
lsh %r0, 32
and32 %r0, -1630514355
call local L52
mod32 %r1, %r3
mov %r9, 0
L21:
ldxdw %r0, [%r10-223]
lddw %r0, 0xa0000003a
stxb [%r0-5], %r5
add %r9, 1
jslt32 %r9, 5, L21
jgt32 %r2, 0x10b084af, L28
L28:
mod %r1, 0x1ce48c38
smod32 %r0, %r2
stw [%r10-62], -2095706118
mov %r2, -214513932
xor32 %r6, -1667363815
mov %r9, 0
L34:
call local L52
lddw %r8, 0xa00000038
lock or [%r8+0], %r9
ldxsh %r4, [%r10-124]
add %r9, 1
jne %r9, 2, L34
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
L52:
lddw %r5, 0xa00000030
ldxw %r6, [%r5-27]
sub32 %r7, %r1
sub %r0, 55
arsh32 %r9, 56
and %r3, %r9
sdiv32 %r3, 0x43068f8a
rsh32 %r4, %r7
jsge %r0, -509190233, L65
lddw %r0, 0x80
div %r4, 0x375b5bcb
L65:
div32 %r0, 0x1373306e
neg %r4
sub32 %r7, -472427797
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
