mov %r0, 5
jeq %r0, 5, f
exit
f:
add %r0, 1
call local g
add %r0, 1
exit
g:
mov %r0, 42
exit
