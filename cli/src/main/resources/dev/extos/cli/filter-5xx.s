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
# To look at fewer bytes one at a time, it reads the record eight bytes at a time and skips
# every word without a '"' (the classic "has a zero byte" test on the word XOR '""""""""');
# a word with a quote, and the last few bytes, are examined byte by byte.
#
# Context: struct extos_record_md (include/extos.h), r1 = its address.
# Returns 0 (EXTOS_DROP) to drop the record, 0xffffffff (EXTOS_KEEP) to keep all of it.
#
# Registers: r1 = data, r2 = data_end, r3 = cursor, r6 = bytes passed (cursor - data),
# r0 = bytes left to examine one by one, r4/r5 = scratch, r7-r9 = the word test's constants.

        ldxw %r2, [%r1+4]               # data_end
        ldxw %r1, [%r1+0]               # data
        mov %r3, %r1
        mov %r6, 0
        mov %r0, 0
        lddw %r7, 0x2222222222222222    # '"' in every byte
        lddw %r8, 0x0101010101010101
        lddw %r9, 0x8080808080808080

word:   jge %r6, 1024, drop             # give up: no status in the first 1024 bytes
        mov %r4, %r3
        add %r4, 8
        jgt %r4, %r2, group             # fewer than 8 bytes left: go byte by byte
        ldxdw %r5, [%r3+0]
        xor %r5, %r7                    # a '"' byte becomes 0
        mov %r4, %r5
        sub %r4, %r8
        xor %r5, -1
        and %r4, %r5
        and %r4, %r9                    # non-zero exactly when some byte was 0
        jne %r4, 0, group
        add %r3, 8                      # no quote in these 8 bytes: skip them
        add %r6, 8
        mov %r4, 0                      # same scratch state on every path back to word,
        mov %r5, 0                      # so the verifier can prune
        ja word

group:  mov %r0, 8                      # examine the next 8 bytes one at a time
scan:   jeq %r0, 0, next
        sub %r0, 1
        jge %r6, 1024, drop
        add %r6, 1
        mov %r4, %r3                    # a quote at p is only useful if p+1..p+4 exist
        add %r4, 5
        jgt %r4, %r2, drop
        ldxb %r5, [%r3+0]
        add %r3, 1
        jne %r5, 0x22, scan             # not '"'
        ldxb %r5, [%r3+0]               # r3 is one past the quote: is a space next?
        jne %r5, 0x20, scan             # no: a quote that opens something, keep looking

        ldxb %r5, [%r3+1]               # first digit of the status must be '5'
        jne %r5, 0x35, drop
        ldxb %r5, [%r3+2]               # then two digits
        sub %r5, 0x30
        jgt %r5, 9, drop                # unsigned: bytes below '0' wrap around to huge values
        ldxb %r5, [%r3+3]
        sub %r5, 0x30
        jgt %r5, 9, drop

        mov %r5, %r3                    # the status ends the record or is followed by a space
        add %r5, 4
        jge %r5, %r2, keep
        ldxb %r5, [%r3+4]
        jne %r5, 0x20, drop

keep:   mov32 %r0, -1
        exit
next:   mov %r4, 0
        mov %r5, 0
        ja word
drop:   mov %r0, 0
        exit
