mov %r6, %r1
stdw [%r10-8], 0
ldxw %r0, [%r6+40]
stxw [%r6+60], %r0
lock fetch add [%r10-8], %r0
exit
