mov %r6, 6
mov %r7, 7
mov %r8, 8
mov %r9, 9
mov %r0, 100
call local f
add %r0, %r6
add %r0, %r7
add %r0, %r8
add %r0, %r9
exit
f:
mov %r1, %r0
add %r1, %r6
add %r1, %r7
add %r1, %r8
add %r1, %r9
mov %r6, 60
mov %r9, 90
mov %r0, %r1
exit
