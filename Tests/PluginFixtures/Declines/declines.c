/* A plugin that serves only interface 2 and says so by returning NULL to any other host. */
#include <stddef.h>

#include "convsh_plugin.h"

static const convsh_plugin plugin = {.interface = 2, .name = "picky", .version = "2.0.0", .ops = NULL, .op_count = 0};

CONVSH_PLUGIN_EXPORT const convsh_plugin *convsh_plugin_entry(uint32_t host_interface) {
    return host_interface == 2 ? &plugin : NULL;
}
