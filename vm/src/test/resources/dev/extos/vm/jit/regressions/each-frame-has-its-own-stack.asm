stdw [%r10-8], 11
mov %r1, %r10
call local f
ldxdw %r0, [%r10-8]
ldxdw %r2, [%r10-16]
add %r0, %r2
exit
f:
stdw [%r10-8], 100
ldxdw %r0, [%r10-8]
stxdw [%r1-16], %r0
exit
