/* A plugin written for a future interface 2: convsh 1 must refuse it, naming both versions. */
#include <stddef.h>

#include "convsh_plugin.h"

static const convsh_plugin plugin = {.interface = 2, .name = "future", .version = "2.0.0", .ops = NULL, .op_count = 0};

CONVSH_PLUGIN_EXPORT const convsh_plugin *convsh_plugin_entry(uint32_t host_interface) {
    (void)host_interface;
    return &plugin;
}
