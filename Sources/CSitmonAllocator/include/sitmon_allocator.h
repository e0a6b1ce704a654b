#ifndef SITMON_ALLOCATOR_H
#define SITMON_ALLOCATOR_H

/* Sets glibc's threshold above which a block gets a mapping of its own (mallopt M_MMAP_THRESHOLD); fixing it also
 * stops glibc from raising it as large blocks are freed. Does nothing on other C libraries. Returns 1 on success. */
int sitmon_set_mmap_threshold(int bytes);

/* Gives the pages of freed blocks back to the system, in the middle of the heaps as well as at their end
 * (malloc_trim(0)). Does nothing on other C libraries. Returns 1 when memory was given back. */
int sitmon_release_free_memory(void);

#endif
