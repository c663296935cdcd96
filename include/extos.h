/*
 * extos.h - the ExtOS hook ABI for programs written in C.
 *
 * Compile with:  clang -O2 -g -target bpf -I/usr/include/x86_64-linux-gnu -I<extos>/include -c f.c
 * Include <bpf/bpf_helpers.h> (Debian's libbpf-dev) as well for SEC(), maps and the kernel's helpers.
 * docs/hooks.md explains each hook; the layouts here are fixed and will not change.
 */
#ifndef EXTOS_H
#define EXTOS_H

#include <linux/types.h>

/* Context of SEC("extos/read") and SEC("extos/write"): one record, and the per-call arguments. */
struct extos_record_md {
    __u32 data;      /*  0: start of the record; load it as a pointer              */
    __u32 data_end;  /*  4: one past its last byte (a newline delimiter excluded)  */
    __u32 args;      /*  8: start of the per-call arguments (read-only)            */
    __u32 args_end;  /* 12: one past their last byte                               */
    __u64 offset;    /* 16: byte offset of the record in the file                  */
    __u64 index;     /* 24: number of the record in the file, from 0               */
};

/* Context of SEC("extos/frame"): the bytes available from the current position. */
struct extos_frame_md {
    __u32 data;      /*  0: first byte not yet framed                              */
    __u32 data_end;  /*  4: one past the last byte available                       */
    __u64 offset;    /*  8: byte offset of data in the file                        */
};

/* Return values. A read filter returns n to keep the record's first n bytes. */
#define EXTOS_DROP 0u           /* read: drop the record; write: reject it (and the write) */
#define EXTOS_KEEP 0xffffffffu  /* keep the whole record                                  */
#define EXTOS_NEED_MORE 0       /* framer: the next record is not complete yet            */

/* ExtOS's own helpers, numbered from 1000 (the kernel's end near 220). */
static long (* const extos_find_byte)(const void *buf, __u32 len, __u64 byte) = (void *) 1000;
static long (* const extos_find)(const void *buf, __u32 len, const void *needle, __u32 needle_len) = (void *) 1001;
static long (* const extos_memcmp)(const void *a, __u32 a_len, const void *b, __u32 b_len) = (void *) 1002;
static long (* const extos_parse_u64)(const void *buf, __u32 len, __u64 base, __u64 *result) = (void *) 1003;
static __u64 (* const extos_hash)(const void *buf, __u32 len, __u64 seed) = (void *) 1004;

#endif /* EXTOS_H */
