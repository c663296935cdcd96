# udp-first-byte: a kernel socket filter (SEC("socket")) for UDP sockets that keeps the datagrams
# whose payload starts with 'K' (75) and drops the rest before they are queued to the socket.
#
# On a UDP socket the filter sees the 8-byte UDP header, then the payload. ldabsb reads a byte
# of the packet the classic-BPF way (it needs r6 = the context, struct __sk_buff); reading past
# the end ends the program with 0, which drops the datagram.
# A socket filter returns how many bytes to keep: 0 drops, 0xffffffff keeps everything.
    mov %r6, %r1
    ldabsb 8
    jne %r0, 75, drop
    mov32 %r0, -1
    exit
drop:
    mov %r0, 0
    exit
