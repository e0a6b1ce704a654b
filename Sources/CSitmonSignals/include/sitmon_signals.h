#ifndef SITMON_SIGNALS_H
#define SITMON_SIGNALS_H

/* Temporary files removed when a signal ends the process (SIGTERM, SIGINT, SIGHUP): `export -o`, `generate -o`
 * and the monitor's own writes leave no `.sitmon-XXXXXX.tmp` behind. The paths live in static C buffers and the
 * handler only calls unlink(), sigaction() and raise(), which are async-signal-safe.
 *
 * The handlers are installed on the first registration, for each of the three signals not ignored at that time.
 * A signal whose previous disposition was the default removes every registered file, restores the default and
 * re-raises itself, so the process ends as it would have (status 128 + the signal). A signal that already had a
 * handler (the monitor's, which ends the program cleanly itself) is passed on to it, and nothing is removed. */

/* Registers a path; returns its slot, or -1 when all slots are taken or the path is too long. */
int sitmon_cleanup_register(const char *path);

/* Creates a new file from `path_template`, whose six characters before its last `suffix_length` are "XXXXXX"
 * (as mkstemps), with mode 0600 and O_CLOEXEC, and registers it. The name is registered *before* the file is
 * created, so a signal arriving at any moment, on any thread, never leaves the file behind (with mkstemps the file
 * existed before it could be registered). Writes the slot (or -1) to `slot`. Returns the descriptor, or -1 with
 * errno set. */
int sitmon_cleanup_create(char *path_template, int suffix_length, int *slot);

/* Forgets the path in `slot` (after it was renamed or removed). */
void sitmon_cleanup_unregister(int slot);

#endif
