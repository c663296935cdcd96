mov %r0, 1
call local f
add %r0, 10
f:
add %r0, 100
jlt %r0, 150, done
call local f
done:
exit
