mov %r10, 5
call local f
mov %r0, %r10
exit
f:
mov %r10, 7
mov %r0, 0
exit
