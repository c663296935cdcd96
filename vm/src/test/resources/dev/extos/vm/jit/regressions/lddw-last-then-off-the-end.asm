mov %r0, 1
jne %r1, 0, +0
lddw %r0, 0x123456789
