// libsixel (the library behind img2sixel) behind one C function: its palette quantiser and dithering.
//
// `convsh_sixel_quantize` lets libsixel choose the palette (median cut over a histogram, up to `colors`
// registers), diffuse the error and give each pixel its register; Sixel.swift writes the sixel bands itself
// (SixelBands), as for a map whose palette is known, because libsixel's band encoder takes 36 ms of a 1024²
// picture against about 5 ms there.
#ifndef CONVSH_CSIXEL_SHIM_H
#define CONVSH_CSIXEL_SHIM_H

#include <sixel/sixel.h>
#include <stdlib.h>
#include <string.h>

// NOTE: exported by libsixel (SIXELAPI in dither.c, the step sixel_encode runs before writing bands) but missing
// from 1.10's sixel.h. Returns width·height registers allocated with the dither's allocator, or NULL.
extern sixel_index_t *sixel_dither_apply_palette(sixel_dither_t *dither, unsigned char *pixels, int width,
                                                 int height);

/// `rgb` holds width·height RGB triples (libsixel may overwrite them while dithering). The palette is libsixel's
/// median cut with at most `colors` (2...256) registers, each the mean of the pixels in its box
/// (`SIXEL_REP_AVERAGE_PIXELS`, img2sixel's `-s histogram`), over the full histogram when `full_quality`
/// (`-q full`; about 2 µs a pixel) else a sampled one; errors are diffused with Stucki's kernel (`-d stucki`)
/// when `diffuse`. On the bundled photo these measured best among img2sixel's choices (README, Pictures).
/// Returns 1 with `*indices` (width·height registers, malloc'd: the caller frees it), `palette` (3·256 bytes,
/// RGB per register) and `*palette_size` set, or 0 (out of memory).
static inline int convsh_sixel_quantize(unsigned char *rgb, int width, int height, int colors, int full_quality,
                                        int diffuse, unsigned char **indices, unsigned char *palette,
                                        int *palette_size) {
    sixel_allocator_t *allocator = NULL;
    sixel_dither_t *dither = NULL;
    *indices = NULL;
    // The allocator is malloc's own, so the caller can free the registers with free().
    if (SIXEL_FAILED(sixel_allocator_new(&allocator, malloc, calloc, realloc, free))) return 0;
    int ok = SIXEL_SUCCEEDED(sixel_dither_new(&dither, colors, allocator))
        && SIXEL_SUCCEEDED(sixel_dither_initialize(dither, rgb, width, height, SIXEL_PIXELFORMAT_RGB888,
                                                   SIXEL_LARGE_AUTO, SIXEL_REP_AVERAGE_PIXELS,
                                                   full_quality ? SIXEL_QUALITY_FULL : SIXEL_QUALITY_AUTO));
    if (ok) {
        sixel_dither_set_diffusion_type(dither, diffuse ? SIXEL_DIFFUSE_STUCKI : SIXEL_DIFFUSE_NONE);
        *indices = sixel_dither_apply_palette(dither, rgb, width, height);
        *palette_size = sixel_dither_get_num_of_palette_colors(dither);
        ok = *indices != NULL && *palette_size >= 1 && *palette_size <= SIXEL_PALETTE_MAX;
        if (ok) memcpy(palette, sixel_dither_get_palette(dither), (size_t)*palette_size * 3);
    }
    if (!ok) { free(*indices); *indices = NULL; }
    if (dither) sixel_dither_unref(dither);
    sixel_allocator_unref(allocator);
    return ok;
}

#endif
