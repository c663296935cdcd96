mov %r0, 0
mov %r1, 0
call local f
exit
f:
add %r1, 1
jge %r1, 8, deep
call local f
exit
deep:
call local f
exit
