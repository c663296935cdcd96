/*
 * Times the C baseline of one ExtOS benchmark program: run(data, len) is compiled in its own
 * translation unit (as a JIT-compiled program is its own method), called ITERATIONS times per
 * round; the best of ROUNDS rounds is printed as "<ns per run> <result>".
 * Usage: harness DATA_FILE LEN ITERATIONS ROUNDS
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

long run(const unsigned char *data, long len);

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: %s DATA_FILE LEN ITERATIONS ROUNDS\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *data = malloc(size > 0 ? size : 1);
    if (size > 0 && fread(data, 1, size, f) != (size_t) size) {
        perror("fread");
        return 1;
    }
    fclose(f);
    long len = atol(argv[2]);
    long iterations = atol(argv[3]);
    int rounds = atoi(argv[4]);
    long result = 0;
    double best = 1e300;
    for (int r = 0; r < rounds; r++) {
        double start = now_ns();
        for (long i = 0; i < iterations; i++) {
            /* The data may have changed: the compiler cannot hoist the call out of the loop. */
            __asm__ volatile("" : : "r"(data) : "memory");
            result += run(data, len);
        }
        double ns = (now_ns() - start) / iterations;
        if (ns < best) {
            best = ns;
        }
    }
    printf("%.3f %ld\n", best, result / ((long) rounds * iterations));
    return 0;
}
