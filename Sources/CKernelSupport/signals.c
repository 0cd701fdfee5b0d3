// Async-signal-safe state the signal handlers touch: the cancel flag and the table of live temporary files.
#include "ckernel_support.h"
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#if defined(__APPLE__)
#define convsh_random_bytes(buffer, count) arc4random_buf(buffer, count)
#else
#include <sys/random.h>
static void convsh_random_bytes(void *buffer, size_t count) {
    size_t done = 0;
    while (done < count) {
        ssize_t n = getrandom((char *)buffer + done, count - done, 0);
        if (n > 0) done += (size_t)n;
        else if (errno != EINTR) break;
    }
}
#endif

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

int convsh_temporary_create(char *template_path, int *slot) {
    static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    size_t length = strlen(template_path);
    if (length < 6 || strcmp(template_path + length - 6, "XXXXXX") != 0) {
        errno = EINVAL;
        return -1;
    }
    for (int attempt = 0; attempt < 100; attempt++) {
        unsigned char random[6];
        convsh_random_bytes(random, sizeof random);
        for (int i = 0; i < 6; i++) template_path[length - 6 + i] = letters[random[i] % (sizeof letters - 1)];
        // Registered before it exists: a signal between the two finds a name to unlink, never a file it missed.
        *slot = convsh_temporary_add(template_path);
        int fd = open(template_path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) return fd;
        int error = errno;
        convsh_temporary_remove(*slot);
        *slot = -1;
        if (error != EEXIST) {
            errno = error;
            return -1;
        }
    }
    errno = EEXIST;
    return -1;
}
