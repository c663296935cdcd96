mov %r0, 0
loop:
add %r0, 3
ja32 loop
