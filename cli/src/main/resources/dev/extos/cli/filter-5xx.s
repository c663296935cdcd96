# filter-5xx: keep the access-log records whose HTTP status is 5xx (a server error).
#
# A record is one line of Common Log Format, without its newline:
#   203.0.113.7 - - [30/Nov/2026:10:00:00 +0000] "GET /api/items/123 HTTP/1.1" 503 5123 "-" "curl/8.5"
# The status is the field right after the quoted request. Nothing before the request contains
# a quote, and a request cannot contain the two bytes '" ' (a URL writes a quote as %22), so
# the first '" ' in the record closes the request and the status starts two bytes later.
#
# Calling convention of this interim demo (the IO hook context comes with the IO layer):
#   r1 = address of the record's first byte, r2 = its length.
# Returns 0 to drop the record, 0xffffffff to keep all of it.
#
# Registers: r3 = cursor, r4 = scan limit, r2 = end of the record, r5 = the byte just read.

        mov %r3, %r1
        add %r2, %r1            # r2 = one past the last byte
        mov %r4, %r2
        sub %r4, 4              # a quote at p is only useful if p+1..p+4 exist: scan p < end-4

scan:   jge %r3, %r4, drop      # no room left for '" ' and three digits
        ldxb %r5, [%r3+0]
        add %r3, 1
        jne %r5, 0x22, scan     # not '"'
        ldxb %r5, [%r3+0]       # r3 is one past the quote: is a space next?
        jne %r5, 0x20, scan     # no: a quote that opens something, keep looking

        ldxb %r5, [%r3+1]       # first digit of the status must be '5'
        jne %r5, 0x35, drop
        ldxb %r5, [%r3+2]       # then two digits
        sub %r5, 0x30
        jgt %r5, 9, drop        # unsigned: bytes below '0' wrap around to huge values
        ldxb %r5, [%r3+3]
        sub %r5, 0x30
        jgt %r5, 9, drop

        mov %r5, %r3            # the status ends the record or is followed by a space
        add %r5, 4
        jge %r5, %r2, keep
        ldxb %r5, [%r3+4]
        jne %r5, 0x20, drop

keep:   mov32 %r0, -1
        exit
drop:   mov %r0, 0
        exit
