/*
 * convsh_plugin.h: the ConvShell plugin interface, version 1.
 *
 * A plugin is a shared library (.so on Linux, .dylib on macOS) that exports one C function,
 *
 *     const convsh_plugin *convsh_plugin_entry(uint32_t host_interface);
 *
 * which returns a description of the plugin and of its ops. convsh adds each op to the same table as its built-in
 * ops, so help, Tab completion, usage lines and argument errors treat them alike. The interface is plain C so that a
 * plugin may be written in C, C++, Rust, Zig or Swift (through @_cdecl), built by any compiler version: Swift's own
 * ABI is not stable on Linux, a C struct is. docs/plugins.md walks through an example.
 *
 * Rules
 *  - Every string and array a plugin returns (names, summaries, parameter tables) must stay valid for as long as the
 *    library is loaded: static storage is the usual choice. convsh copies them when it loads the plugin.
 *  - convsh calls an op's apply function on one thread at a time. Input tensors and texts are valid, read-only,
 *    during that call only.
 *  - apply returns CONVSH_OK after filling the tensor it got from host->output (for an op that produces a tensor),
 *    or returns one of host->fail... (CONVSH_ERROR) with a one-line message. It must not exit, abort or print to
 *    stdout itself: host->print writes where the shell's output goes.
 *  - The entry function receives the interface version of the host. It returns NULL, or a convsh_plugin whose
 *    first field is the interface it was written for; convsh refuses any version it does not know.
 */
#ifndef CONVSH_PLUGIN_H
#define CONVSH_PLUGIN_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of the interface this header describes. A change that breaks plugins raises it. */
#define CONVSH_PLUGIN_INTERFACE 1

/* The name of the function every plugin exports. It never changes, so that an old convsh can name the interface
 * a newer plugin wants instead of calling it "not a plugin". */
#define CONVSH_PLUGIN_ENTRY_NAME "convsh_plugin_entry"

/* Marks the entry function as exported even when a plugin is compiled with -fvisibility=hidden. */
#if defined(__GNUC__) || defined(__clang__)
#define CONVSH_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define CONVSH_PLUGIN_EXPORT
#endif

/* Status returned by apply. */
#define CONVSH_OK 0
#define CONVSH_ERROR 1

/* What a positional parameter or an option takes (convsh_parameter.kind, convsh_option.kind). */
#define CONVSH_KIND_TENSOR 1 /* a tensor name or a list literal; options cannot be tensors */
#define CONVSH_KIND_NUMBER 2 /* a number: value.number */
#define CONVSH_KIND_PATH 3   /* a file path, bare or quoted: value.text */
#define CONVSH_KIND_CHOICE 4 /* exactly one of the words in `choices`: value.text */
#define CONVSH_KIND_TEXT 5   /* free text the op interprets itself: value.text */

/* convsh_parameter.flags. Optional parameters follow the required ones; only the last may repeat. */
#define CONVSH_OPTIONAL 1 /* may be left out */
#define CONVSH_REPEATED 2 /* takes every remaining positional argument */

/* One positional parameter, as the usage line shows it: `X`, `T`, `[same|valid]`. */
typedef struct convsh_parameter {
    const char *placeholder; /* "X"; may be NULL for a choice (the words joined by '|') */
    int32_t kind;            /* CONVSH_KIND_... */
    const char *choices;     /* CHOICE: "same|valid"; TEXT: words Tab offers, or NULL; else NULL */
    int32_t flags;           /* CONVSH_OPTIONAL | CONVSH_REPEATED, or 0 */
} convsh_parameter;

/* One key=value option: `below=V`. */
typedef struct convsh_option {
    const char *key;         /* "below": letters, digits and '_' */
    const char *placeholder; /* "V"; may be NULL for a choice */
    int32_t kind;            /* NUMBER, PATH, CHOICE or TEXT */
    const char *choices;     /* as in convsh_parameter */
} convsh_option;

/* A float32 tensor in row-major (C) order, NHWC for images: [H,W,C], a batch [N,H,W,C], a kernel [kh,kw]. */
typedef struct convsh_tensor {
    int32_t rank;
    const int64_t *shape; /* rank dimensions */
    const float *data;    /* count elements, read-only, 64-byte aligned */
    int64_t count;        /* the product of shape (1 for rank 0) */
} convsh_tensor;

/* One argument or option as convsh checked it against the op's description. */
typedef struct convsh_value {
    int32_t present;      /* 1 when given; 0 for an option left out (then the other fields are zero) */
    int32_t kind;         /* the kind the op declared */
    double number;        /* NUMBER */
    const char *text;     /* PATH, CHOICE, TEXT: the text; TENSOR: what the user typed (a name or a list) */
    convsh_tensor tensor; /* TENSOR */
} convsh_value;

/* One call of an op, owned by convsh. Plugins only pass it back to the host functions. */
typedef struct convsh_call convsh_call;

/* What convsh offers an op while it runs. */
typedef struct convsh_host {
    uint32_t interface; /* CONVSH_PLUGIN_INTERFACE of the running convsh */

    /* The result tensor of `rank` dimensions: returns its uninitialised elements for apply to fill, or NULL (an
     * impossible or too large shape, a second call) after recording the error; apply then returns CONVSH_ERROR. */
    float *(*output)(convsh_call *call, int32_t rank, const int64_t *shape);

    /* Record the error of this call and return CONVSH_ERROR. convsh writes them in its one error form:
     *   fail:          "OP: MESSAGE"
     *   fail_argument: "OP: argument POSITION: MESSAGE"  (POSITION counts positional arguments from 1)
     *   fail_option:   "OP: option KEY: MESSAGE" */
    int32_t (*fail)(convsh_call *call, const char *message);
    int32_t (*fail_argument)(convsh_call *call, int32_t position, const char *message);
    int32_t (*fail_option)(convsh_call *call, const char *key, const char *message);

    /* Print one line (a newline is added) where the shell's output goes. */
    void (*print)(convsh_call *call, const char *line);

    /* Worker threads the user allows (set threads N). */
    int32_t (*threads)(convsh_call *call);
} convsh_host;

/* Runs an op: `arguments` holds the `argument_count` positional arguments given, in order; `options` holds one
 * value per entry of convsh_op.options, in that order (present = 0 when left out). */
typedef int32_t (*convsh_apply_fn)(const convsh_host *host, convsh_call *call, const convsh_value *arguments,
                                   int32_t argument_count, const convsh_value *options);

/* One op: its usage line is generated as `NAME PARAM... [KEY=PLACEHOLDER]...`. */
typedef struct convsh_op {
    const char *name;    /* the command word: letters, digits and '_', not starting with a digit */
    const char *summary; /* one line for help */
    const char *details; /* further lines for `help NAME`, or NULL */
    const convsh_parameter *parameters;
    int32_t parameter_count;
    const convsh_option *options;
    int32_t option_count;
    int32_t produces_tensor; /* 1: apply makes a tensor through host->output; 0: it only prints */
    convsh_apply_fn apply;
} convsh_op;

/* What convsh_plugin_entry returns. */
typedef struct convsh_plugin {
    uint32_t interface;  /* CONVSH_PLUGIN_INTERFACE: the first field in every version */
    const char *name;    /* shown by `plugins`: "threshold" */
    const char *version; /* the plugin's own version: "1.0.0" */
    const convsh_op *ops;
    int32_t op_count;
} convsh_plugin;

/* The entry point, for a plugin to define (and for type-checking it). */
CONVSH_PLUGIN_EXPORT const convsh_plugin *convsh_plugin_entry(uint32_t host_interface);

/* Its type, for a host that looks it up with dlsym. */
typedef const convsh_plugin *(*convsh_plugin_entry_fn)(uint32_t host_interface);

#ifdef __cplusplus
}
#endif

#endif /* CONVSH_PLUGIN_H */
