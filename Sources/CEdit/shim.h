// Non-variadic wrappers around libedit's native API (histedit.h), which Swift cannot call directly:
// el_set() and history() are C variadics, and Swift 6 cannot name C's stdin/stdout/stderr.
#ifndef CONVSH_CEDIT_SHIM_H
#define CONVSH_CEDIT_SHIM_H

#include <errno.h>
#include <fcntl.h>
#include <histedit.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>
#include <wchar.h>

typedef char *(*convsh_prompt_fn)(EditLine *);
typedef unsigned char (*convsh_key_fn)(EditLine *, int);

/// el_init on the process's stdin/stdout/stderr.
static inline EditLine *convsh_el_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}

/// Set by SIGINT (Ctrl-C) while the REPL runs; read and cleared by convsh_take_interrupt.
static volatile sig_atomic_t convsh_interrupted = 0;

/// The cooperative stop flag of running ops and loops (Ops' Cancellation; defined in CKernelSupport).
void convsh_cancel_request(void);

static void convsh_on_sigint(int signal) {
    (void)signal;
    convsh_interrupted = 1;
    convsh_cancel_request();
}

/// The terminal opened a second time, non-blocking (its own open file description, so stdin's flags, shared with
/// the parent shell, are untouched); stdin itself when that fails.
static inline int convsh_nonblocking_input(void) {
    static int input = -2;
    if (input == -2) {
        input = open("/proc/self/fd/0", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    }
    return input >= 0 ? input : STDIN_FILENO;
}

/// libedit's character reader, replaced so that Ctrl-C can never be lost between two reads.
///
/// libedit's own reader calls read(2) and sees a Ctrl-C only when it interrupts that call; one that arrives while
/// libedit redraws the line (between two reads) was swallowed, and the next read blocked. Here SIGINT is blocked
/// while the flag is checked and unblocked only inside pselect(2), atomically, so a pending Ctrl-C always ends
/// the read: -1 with errno EINTR, which makes el_gets return NULL. The byte itself is read without blocking: a
/// Ctrl-C makes the tty discard queued keys, so a key pselect saw may be gone by the read. Bytes are decoded to a
/// wide character with mbrtowc, as libedit does (UTF-8 is stateless); an invalid byte is dropped.
/// 1 on a character, 0 at end of input.
static int convsh_read_char(EditLine *el, wchar_t *character) {
    (void)el;
    char bytes[MB_LEN_MAX];
    size_t count = 0;
    sigset_t interrupt, reading;
    sigemptyset(&interrupt);
    sigaddset(&interrupt, SIGINT);
    int terminal = convsh_nonblocking_input();
    for (;;) {
        sigprocmask(SIG_BLOCK, &interrupt, &reading);
        if (convsh_interrupted) {
            sigprocmask(SIG_SETMASK, &reading, NULL);
            *character = L'\0';
            errno = EINTR;
            return -1;
        }
        fd_set input;
        FD_ZERO(&input);
        FD_SET(terminal, &input);
        int ready = pselect(terminal + 1, &input, NULL, NULL, NULL, &reading);
        int failure = errno;
        sigprocmask(SIG_SETMASK, &reading, NULL);
        if (ready < 0) {
            if (failure == EINTR) continue;  // SIGWINCH, SIGCONT, or Ctrl-C (seen at the top of the loop)
            errno = failure;
            return -1;
        }
        ssize_t got = read(terminal, bytes + count, 1);
        if (got < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            return -1;
        }
        if (got == 0) {
            *character = L'\0';
            return 0;
        }
        count += 1;
        mbstate_t state;
        memset(&state, 0, sizeof state);
        size_t decoded = mbrtowc(character, bytes, count, &state);
        if (decoded == (size_t)-2 && count < MB_LEN_MAX) continue;  // the rest of a multi-byte character
        if (decoded == (size_t)-1 || decoded == (size_t)-2) {
            count = 0;  // an invalid sequence: drop it
            continue;
        }
        return 1;
    }
}

/// Emacs key bindings, the prompt callback, the reader above, and libedit's own signal handling (restores the tty
/// on SIGINT, SIGTSTP etc.).
/// NOTE: EL_HIST takes the function `history` and the `History *`; a parameter named `history` would shadow the
/// function and hand libedit the data pointer as code (a crash on the first Up arrow).
static inline void convsh_el_configure(EditLine *el, convsh_prompt_fn prompt, History *h) {
    el_set(el, EL_EDITOR, "emacs");
    el_set(el, EL_PROMPT, prompt);
    el_set(el, EL_HIST, history, h);
    el_set(el, EL_SIGNAL, 1);
    el_set(el, EL_GETCFN, convsh_read_char);
}

/// Binds Tab to `complete`.
static inline void convsh_el_bind_tab(EditLine *el, convsh_key_fn complete) {
    el_set(el, EL_ADDFN, "convsh-complete", "Complete a word", complete);
    el_set(el, EL_BIND, "^I", "convsh-complete", NULL);
}

static inline int convsh_history_setsize(History *h, int size) {
    HistEvent event;
    return history(h, &event, H_SETSIZE, size);
}

/// Adjacent duplicate lines are stored once.
static inline int convsh_history_setunique(History *h) {
    HistEvent event;
    return history(h, &event, H_SETUNIQUE, 1);
}

static inline int convsh_history_enter(History *h, const char *line) {
    HistEvent event;
    return history(h, &event, H_ENTER, line);
}

static inline int convsh_history_load(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_LOAD, path);
}

/// Writes the history to an open stream (the history file's temporary, made by mkstemp).
static inline int convsh_history_save_fd(History *h, int fd) {
    HistEvent event;
    FILE *file = fdopen(fd, "w");
    if (file == NULL) return -1;
    int saved = history(h, &event, H_SAVE_FP, file);
    return fclose(file) == 0 ? saved : -1;
}

/// Catches SIGINT without SA_RESTART, so a pending read returns EINTR and the line being edited is dropped.
static inline void convsh_catch_sigint(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = convsh_on_sigint;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    // A parent may have started us with SIGINT blocked (a blocked mask survives exec): unblock it.
    sigset_t interrupt;
    sigemptyset(&interrupt);
    sigaddset(&interrupt, SIGINT);
    sigprocmask(SIG_UNBLOCK, &interrupt, NULL);
}

/// 1 when Ctrl-C was pressed since the last call.
static inline int convsh_take_interrupt(void) {
    int was = convsh_interrupted;
    convsh_interrupted = 0;
    return was;
}

#endif
