#ifndef CONVSH_TEMPORARIES_H
#define CONVSH_TEMPORARIES_H

// The temporary files that exist right now (a save's `.NAME.tmp-XXXXXX` before its rename), so that the SIGINT
// and SIGTERM handlers can remove them before the process dies: a killed save leaves no 1 GB stray behind.
// A fixed table of slots claimed with atomic operations: no locks, no allocation, so the unlinking side is
// async-signal-safe and the registering side is thread-safe.

/// Slots in the table; a save beyond this many at once is simply not registered (`convsh_temporary_add` -1).
enum { CONVSH_TEMPORARY_SLOTS = 64, CONVSH_TEMPORARY_PATH_MAX = 4096 };

/// Registers `path` (copied); returns its slot, or -1 when the table is full or the path too long.
int convsh_temporary_add(const char *path);

/// Forgets the slot `convsh_temporary_add` returned (after the file was renamed or removed); -1 is ignored.
void convsh_temporary_remove(int slot);

/// Unlinks every registered file and forgets it; async-signal-safe. Returns how many it unlinked.
int convsh_temporaries_unlink_all(void);

#endif
