// Non-variadic wrappers around libedit's native API (histedit.h), which Swift cannot call directly:
// el_set() and history() are C variadics, and Swift 6 cannot name C's stdin/stdout/stderr.
#ifndef CONVSH_CEDIT_SHIM_H
#define CONVSH_CEDIT_SHIM_H

#include <histedit.h>
#include <locale.h>
#include <stdio.h>

/// el_init on the process's stdin/stdout/stderr.
static inline EditLine *convsh_el_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}

#endif
