/* The number of '\n' bytes in data[0..len). */
long run(const unsigned char *data, long len) {
    long n = 0;
    for (long i = 0; i < len; i++) {
        if (data[i] == '\n') {
            n++;
        }
    }
    return n;
}
