// Non-variadic wrappers around libedit's native API (histedit.h), which Swift cannot call directly:
// el_set() and history() are C variadics, and Swift 6 cannot name C's stdin/stdout/stderr.
#ifndef CONVSH_CEDIT_SHIM_H
#define CONVSH_CEDIT_SHIM_H

#include <histedit.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

typedef char *(*convsh_prompt_fn)(EditLine *);
typedef unsigned char (*convsh_key_fn)(EditLine *, int);

/// el_init on the process's stdin/stdout/stderr.
static inline EditLine *convsh_el_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}

/// Emacs key bindings, the prompt callback, and libedit's own signal handling (restores the tty on SIGINT etc.).
/// NOTE: EL_HIST takes the function `history` and the `History *`; a parameter named `history` would shadow the
/// function and hand libedit the data pointer as code (a crash on the first Up arrow).
static inline void convsh_el_configure(EditLine *el, convsh_prompt_fn prompt, History *h) {
    el_set(el, EL_EDITOR, "emacs");
    el_set(el, EL_PROMPT, prompt);
    el_set(el, EL_HIST, history, h);
    el_set(el, EL_SIGNAL, 1);
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

static inline int convsh_history_save(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_SAVE, path);
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
