mov %r6, 0
L1:
call local f
add %r6, 1
jne %r6, 0, L1
exit
f:
mov %r7, 3
L2:
sub %r7, 1
jne %r7, 0, L2
exit
