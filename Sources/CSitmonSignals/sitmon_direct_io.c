#define _GNU_SOURCE
#include "sitmon_direct_io.h"

#include <errno.h>
#include <fcntl.h>

int sitmon_set_direct_io(int fd, int on) {
#ifdef O_DIRECT
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) return -1;
    flags = on ? (flags | O_DIRECT) : (flags & ~O_DIRECT);
    return fcntl(fd, F_SETFL, flags);
#else
    (void)fd;
    (void)on;
    errno = ENOTSUP;
    return -1;
#endif
}
