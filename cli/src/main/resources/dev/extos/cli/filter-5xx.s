# filter-5xx: an extos/read filter keeping the access-log records whose HTTP status is 5xx.
#
# A record is one line of Common Log Format, without its newline:
#   203.0.113.7 - - [30/Nov/2026:10:00:00 +0000] "GET /api/items/123 HTTP/1.1" 503 5123 "-" "curl/8.5"
# The status is the field right after the quoted request. Nothing before the request contains
# a quote, and a request cannot contain the two bytes '" ' (a URL writes a quote as %22), so
# the first '" ' in the record closes the request and the status starts two bytes later.
# The search gives up after 1024 bytes (the verifier needs a bound it can prove; a request line
# longer than that is dropped) - StatusField in the CLI applies the same rule.
#
# Context: struct extos_record_md (include/extos.h), r1 = its address.
# Returns 0 (EXTOS_DROP) to drop the record, 0xffffffff (EXTOS_KEEP) to keep all of it.
#
# Registers: r1 = data, r2 = data_end, r3 = cursor, r4 = cursor + 5, r5 = the byte just read,
# r6 = bytes scanned.

        ldxw %r2, [%r1+4]       # data_end
        ldxw %r1, [%r1+0]       # data
        mov %r3, %r1
        mov %r6, 0

scan:   jge %r6, 1024, drop     # give up: no status in the first 1024 bytes
        add %r6, 1
        mov %r4, %r3            # a quote at p is only useful if p+1..p+4 exist
        add %r4, 5
        jgt %r4, %r2, drop
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
