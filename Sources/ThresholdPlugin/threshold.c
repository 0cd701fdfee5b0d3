/*
 * libconvsh_threshold: the example plugin, and the template for writing one (docs/plugins.md).
 *
 *   threshold X T [below=V]   y = x if x > T, else V (default 0): Keras' ThresholdedReLU(theta=T), OpenCV's
 *                             THRESH_TOZERO. T and V are rounded to float32; NaN stays NaN, as in relu.
 *   magnitude X               y = |x|, as tf.math.abs.
 *
 * Both keep the shape they are given.
 */
#include <math.h>
#include <stddef.h>

#include "convsh_plugin.h"

// MARK: - threshold

static int32_t apply_threshold(const convsh_host *host, convsh_call *call, const convsh_value *arguments,
                               int32_t argument_count, const convsh_value *options) {
    (void)argument_count; // convsh has checked it against the parameter table: exactly 2
    const convsh_tensor *x = &arguments[0].tensor;
    if (isnan(arguments[1].number)) return host->fail_argument(call, 2, "expected a number, got nan");
    if (options[0].present && isnan(options[0].number)) return host->fail_option(call, "below", "must not be nan");
    const float t = (float)arguments[1].number;
    const float below = options[0].present ? (float)options[0].number : 0.0f;

    float *y = host->output(call, x->rank, x->shape);
    if (y == NULL) return CONVSH_ERROR;
    for (int64_t i = 0; i < x->count; i++) {
        const float v = x->data[i];
        y[i] = (v > t || isnan(v)) ? v : below;
    }
    return CONVSH_OK;
}

static const convsh_parameter threshold_parameters[] = {
    {"X", CONVSH_KIND_TENSOR, NULL, 0},
    {"T", CONVSH_KIND_NUMBER, NULL, 0},
};

static const convsh_option threshold_options[] = {
    {"below", "V", CONVSH_KIND_NUMBER, NULL},
};

// MARK: - magnitude

static int32_t apply_abs(const convsh_host *host, convsh_call *call, const convsh_value *arguments,
                         int32_t argument_count, const convsh_value *options) {
    (void)argument_count;
    (void)options;
    const convsh_tensor *x = &arguments[0].tensor;
    float *y = host->output(call, x->rank, x->shape);
    if (y == NULL) return CONVSH_ERROR;
    for (int64_t i = 0; i < x->count; i++) y[i] = fabsf(x->data[i]);
    return CONVSH_OK;
}

static const convsh_parameter abs_parameters[] = {
    {"X", CONVSH_KIND_TENSOR, NULL, 0},
};

// MARK: - The plugin

static const convsh_op ops[] = {
    {
        .name = "threshold",
        .summary = "keep values above T, set the rest to V (default 0), like Keras' ThresholdedReLU",
        .details = "y = x if x > T, else V. T and V are rounded to float32; NaN stays NaN.\n"
                   "From the example plugin libconvsh_threshold (docs/plugins.md).",
        .parameters = threshold_parameters,
        .parameter_count = 2,
        .options = threshold_options,
        .option_count = 1,
        .produces_tensor = 1,
        .apply = apply_threshold,
    },
    {
        .name = "magnitude",
        .summary = "absolute value |x| element-wise, as tf.math.abs",
        .details = "From the example plugin libconvsh_threshold (docs/plugins.md).",
        .parameters = abs_parameters,
        .parameter_count = 1,
        .options = NULL,
        .option_count = 0,
        .produces_tensor = 1,
        .apply = apply_abs,
    },
};

static const convsh_plugin plugin = {
    .interface = CONVSH_PLUGIN_INTERFACE,
    .name = "threshold",
    .version = "1.0.0",
    .ops = ops,
    .op_count = sizeof ops / sizeof ops[0],
};

CONVSH_PLUGIN_EXPORT const convsh_plugin *convsh_plugin_entry(uint32_t host_interface) {
    // Written for interface 1; a later convsh that still speaks 1 may load it too.
    (void)host_interface;
    return &plugin;
}
