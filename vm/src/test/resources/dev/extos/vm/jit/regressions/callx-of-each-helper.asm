mov %r6, 1
mov %r1, 7
mov %r2, 8
call %r6
mov %r7, %r0
mov %r1, %r10
sub %r1, 8
mov %r2, 0x55
mov %r6, 3
call %r6
mov %r6, 2
mov %r2, 1
call %r6
add %r0, %r7
mov %r6, 4
call %r6
exit
