// Async-signal-safe state the signal handlers touch: the cancel flag and the table of live temporary files.
#include "ckernel_support.h"
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static atomic_int cancel_flag;

void convsh_cancel_request(void) { atomic_store(&cancel_flag, 1); }
int convsh_cancel_requested(void) { return atomic_load_explicit(&cancel_flag, memory_order_relaxed); }
void convsh_cancel_clear(void) { atomic_store(&cancel_flag, 0); }

// Each slot holds a malloc'd path or NULL. Adding and removing happen on ordinary threads; the unlink runs in a
// signal handler, so it only reads the slots (atomically) and calls unlink(2), which is async-signal-safe.
#define CONVSH_TEMPORARY_SLOTS 64
static _Atomic(char *) temporaries[CONVSH_TEMPORARY_SLOTS];

int convsh_temporary_add(const char *path) {
    char *copy = strdup(path);
    if (!copy) return -1;
    for (int slot = 0; slot < CONVSH_TEMPORARY_SLOTS; slot++) {
        char *expected = NULL;
        if (atomic_compare_exchange_strong(&temporaries[slot], &expected, copy)) return slot;
    }
    free(copy);
    return -1;
}

void convsh_temporary_remove(int slot) {
    if (slot < 0 || slot >= CONVSH_TEMPORARY_SLOTS) return;
    char *path = atomic_exchange(&temporaries[slot], NULL);
    free(path);
}

void convsh_temporaries_unlink_all(void) {
    for (int slot = 0; slot < CONVSH_TEMPORARY_SLOTS; slot++) {
        char *path = atomic_load(&temporaries[slot]);
        if (path) unlink(path);
    }
}
