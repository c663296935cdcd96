mov %r1, 1
mov %r2, 2
mov %r6, 6
call local f
add %r0, %r1
add %r0, %r2
add %r0, %r6
exit
f:
mov %r1, 100
mov %r2, 200
mov %r6, 600
mov %r0, 0
exit
