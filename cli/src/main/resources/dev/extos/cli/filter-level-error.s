# filter-level-error: an extos/read filter keeping the read benchmark's records whose level
# field, at byte 14, is "level=ERROR" (see RecordFile). No loop: three loads and compares.
# Context: struct extos_record_md; returns EXTOS_KEEP or EXTOS_DROP.

        ldxw %r2, [%r1+0]               # data
        ldxw %r3, [%r1+4]               # data_end
        mov %r0, 0
        mov %r4, %r2
        add %r4, 25                     # bytes 14..24 must exist
        jgt %r4, %r3, out
        ldxdw %r5, [%r2+14]             # "level=ER", little-endian
        lddw %r6, 0x52453d6c6576656c
        jne %r5, %r6, out
        ldxh %r5, [%r2+22]              # "RO"
        jne %r5, 0x4f52, out
        ldxb %r5, [%r2+24]              # "R"
        jne %r5, 0x52, out
        mov32 %r0, -1
out:    exit
