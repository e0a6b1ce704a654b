#ifndef SITMON_DIRECT_IO_H
#define SITMON_DIRECT_IO_H

/* Turns O_DIRECT on (`on` 1) or off (0) for an open file: its writes then go to the disk without passing through
 * the page cache (Linux; elsewhere it fails with ENOTSUP). Returns 0, or -1 with errno set (EINVAL: the file system
 * does not do direct I/O). Swift cannot import O_DIRECT, which glibc defines only under _GNU_SOURCE. */
int sitmon_set_direct_io(int fd, int on);

/* The alignment that direct I/O needs of a buffer's address, a write's size and its offset in the file. */
#define SITMON_DIRECT_IO_ALIGNMENT 4096

#endif
