/* r0 = 0 + 1 + ... + (n - 1); the benchmark passes n = 100000 as len. */
long run(const unsigned char *data, long len) {
    (void) data;
    long sum = 0;
    for (long i = 0; i < len; i++) {
        sum += i;
    }
    return sum;
}
