// The table of live temporary files (see convsh_temporaries.h).
#include "convsh_temporaries.h"

#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

/// A slot is FREE, being written by its claimer (CLAIMED: not yet a complete path), or READY to unlink.
enum { FREE = 0, CLAIMED = 1, READY = 2 };

static _Atomic int states[CONVSH_TEMPORARY_SLOTS];
static char paths[CONVSH_TEMPORARY_SLOTS][CONVSH_TEMPORARY_PATH_MAX];

int convsh_temporary_add(const char *path) {
    size_t length = strlen(path);
    if (length >= CONVSH_TEMPORARY_PATH_MAX) return -1;
    for (int slot = 0; slot < CONVSH_TEMPORARY_SLOTS; slot++) {
        int expected = FREE;
        if (atomic_compare_exchange_strong(&states[slot], &expected, CLAIMED)) {
            memcpy(paths[slot], path, length + 1);
            atomic_store(&states[slot], READY);  // sequentially consistent: the path is complete before READY
            return slot;
        }
    }
    return -1;
}

void convsh_temporary_remove(int slot) {
    if (slot < 0 || slot >= CONVSH_TEMPORARY_SLOTS) return;
    atomic_store(&states[slot], FREE);
}

int convsh_temporaries_unlink_all(void) {
    int unlinked = 0;
    for (int slot = 0; slot < CONVSH_TEMPORARY_SLOTS; slot++) {
        int expected = READY;
        // CLAIMED while unlinking, so a concurrent add cannot reuse the slot and overwrite the path meanwhile.
        if (atomic_compare_exchange_strong(&states[slot], &expected, CLAIMED)) {
            if (unlink(paths[slot]) == 0) unlinked++;
            atomic_store(&states[slot], FREE);
        }
    }
    return unlinked;
}
