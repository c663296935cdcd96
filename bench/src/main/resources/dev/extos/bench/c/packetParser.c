/*
 * XDP-style checks on an Ethernet frame: IPv4 without options, not a fragment, UDP to port 53
 * with a plausible length. Returns 2 (XDP_PASS) when all hold, 1 (XDP_DROP) otherwise.
 */
static unsigned be16(const unsigned char *p) {
    return (unsigned) p[0] << 8 | p[1];
}

long run(const unsigned char *data, long len) {
    if (len < 42) {
        return 1;
    }
    if (be16(data + 12) != 0x0800) {
        return 1;
    }
    if (data[14] != 0x45) {
        return 1;
    }
    if ((be16(data + 20) & 0x3fff) != 0) {
        return 1;
    }
    if (data[23] != 17) {
        return 1;
    }
    if (be16(data + 16) < 28) {
        return 1;
    }
    if (be16(data + 36) != 53) {
        return 1;
    }
    if (be16(data + 38) < 8) {
        return 1;
    }
    return 2;
}
