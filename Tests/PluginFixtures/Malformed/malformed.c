/* A plugin whose description is wrong: its op has a required parameter after an optional one. convsh must
 * refuse it with a message naming the op and the parameter. */
#include <stddef.h>

#include "convsh_plugin.h"

static int32_t apply_never(const convsh_host *host, convsh_call *call, const convsh_value *arguments,
                           int32_t argument_count, const convsh_value *options) {
    (void)arguments;
    (void)argument_count;
    (void)options;
    return host->fail(call, "the malformed fixture must never run");
}

static const convsh_parameter parameters[] = {
    {"X", CONVSH_KIND_TENSOR, NULL, CONVSH_OPTIONAL},
    {"Y", CONVSH_KIND_TENSOR, NULL, 0},
};

static const convsh_op ops[] = {
    {"muddle", "parameters in the wrong order", NULL, parameters, 2, NULL, 0, 1, apply_never},
};

static const convsh_plugin plugin = {CONVSH_PLUGIN_INTERFACE, "malformed", "0.1.0", ops, 1};

CONVSH_PLUGIN_EXPORT const convsh_plugin *convsh_plugin_entry(uint32_t host_interface) {
    (void)host_interface;
    return &plugin;
}
