/* A plugin whose second op takes the name of the built-in relu: convsh must refuse the whole plugin, so that
 * negate (which clashes with nothing) is not registered either. */
#include <stddef.h>

#include "convsh_plugin.h"

static int32_t apply_never(const convsh_host *host, convsh_call *call, const convsh_value *arguments,
                           int32_t argument_count, const convsh_value *options) {
    (void)arguments;
    (void)argument_count;
    (void)options;
    return host->fail(call, "the clash fixture must never run");
}

static const convsh_parameter x[] = {{"X", CONVSH_KIND_TENSOR, NULL, 0}};

static const convsh_op ops[] = {
    {"negate", "y = -x", NULL, x, 1, NULL, 0, 1, apply_never},
    {"relu", "a second relu", NULL, x, 1, NULL, 0, 1, apply_never},
};

static const convsh_plugin plugin = {CONVSH_PLUGIN_INTERFACE, "clash", "0.1.0", ops, 2};

CONVSH_PLUGIN_EXPORT const convsh_plugin *convsh_plugin_entry(uint32_t host_interface) {
    (void)host_interface;
    return &plugin;
}
