// libsixel (the library behind img2sixel) behind one C function that collects its output in one malloc'd buffer.
//
// `convsh_sixel_encode_rgb` lets libsixel choose the palette (median cut over a histogram, up to `colors`
// registers) and diffuse the error; it writes `ESC P q "1;1;W;H`, the palette `#i;2;R;G;B`, the bands and
// `ESC \` with 7-bit escapes. A picture that already has few colours (a map drawn through a colour map) needs
// neither: Sixel.swift writes it with SixelBands, much faster than libsixel's encoder.
#ifndef CONVSH_CSIXEL_SHIM_H
#define CONVSH_CSIXEL_SHIM_H

#include <sixel/sixel.h>
#include <stdlib.h>
#include <string.h>

/// A growing output buffer (malloc'd; the caller frees `data`); `failed` is set when it could not grow.
typedef struct {
    char *data;
    size_t size, capacity;
    int failed;
} convsh_sixel_sink;

static int convsh_sixel_write(char *data, int size, void *priv) {
    convsh_sixel_sink *sink = (convsh_sixel_sink *)priv;
    if (sink->failed || size <= 0) return 0;
    if ((size_t)size > sink->capacity - sink->size) {
        size_t capacity = sink->capacity * 2 > sink->size + (size_t)size ? sink->capacity * 2
                                                                         : sink->size + (size_t)size;
        char *grown = (char *)realloc(sink->data, capacity);
        if (!grown) { sink->failed = 1; return 0; }
        sink->data = grown;
        sink->capacity = capacity;
    }
    memcpy(sink->data + sink->size, data, (size_t)size);
    sink->size += (size_t)size;
    return size;
}

/// Encodes `dither`'s picture `pixels` into a new buffer; destroys `dither`. Returns 1 with `*out`/`*out_size`
/// set (the caller frees `*out`), or 0.
static inline int convsh_sixel_finish(unsigned char *pixels, int width, int height, sixel_dither_t *dither,
                                      char **out, size_t *out_size) {
    convsh_sixel_sink sink = { NULL, 0, 0, 0 };
    sixel_output_t *output = NULL;
    *out = NULL;
    *out_size = 0;
    if (SIXEL_FAILED(sixel_output_new(&output, convsh_sixel_write, &sink, NULL))) {
        sixel_dither_unref(dither);
        return 0;
    }
    sixel_output_set_encode_policy(output, SIXEL_ENCODEPOLICY_FAST);
    SIXELSTATUS status = sixel_encode(pixels, width, height, 8, dither, output);
    sixel_output_unref(output);
    sixel_dither_unref(dither);
    if (SIXEL_FAILED(status) || sink.failed) { free(sink.data); return 0; }
    *out = sink.data;
    *out_size = sink.size;
    return 1;
}

/// `rgb` holds width·height RGB triples (libsixel may overwrite them while dithering). The palette is libsixel's
/// median cut with at most `colors` (2...256) registers, each the mean of the pixels in its box
/// (`SIXEL_REP_AVERAGE_PIXELS`, img2sixel's `-s histogram`), over the full histogram when `full_quality`
/// (`-q full`; about 2 µs a pixel) else a sampled one; errors are diffused with Stucki's kernel (`-d stucki`)
/// when `diffuse`. On the bundled photo these measured best among img2sixel's choices (README, Pictures).
static inline int convsh_sixel_encode_rgb(unsigned char *rgb, int width, int height, int colors, int full_quality,
                                          int diffuse, char **out, size_t *out_size) {
    sixel_dither_t *dither = NULL;
    if (SIXEL_FAILED(sixel_dither_new(&dither, colors, NULL))) return 0;
    if (SIXEL_FAILED(sixel_dither_initialize(dither, rgb, width, height, SIXEL_PIXELFORMAT_RGB888,
                                             SIXEL_LARGE_AUTO, SIXEL_REP_AVERAGE_PIXELS,
                                             full_quality ? SIXEL_QUALITY_FULL : SIXEL_QUALITY_AUTO))) {
        sixel_dither_unref(dither);
        return 0;
    }
    sixel_dither_set_diffusion_type(dither, diffuse ? SIXEL_DIFFUSE_STUCKI : SIXEL_DIFFUSE_NONE);
    return convsh_sixel_finish(rgb, width, height, dither, out, out_size);
}

#endif
