// libpng behind three C functions, so that its error handling (longjmp back to a setjmp) stays inside C.
//
// NOTE: libpng's simplified API (png_image_*) avoids setjmp but is colour-managed: it converts 8-bit files that
// carry a gAMA chunk to sRGB and returns 16-bit samples linear with premultiplied alpha, so it cannot give the
// stored samples TensorFlow's decode_png returns; and it has no compression control for writing. These functions
// use the ordinary libpng API with the same transforms as TensorFlow: palette to RGB (its tRNS to alpha),
// 1/2/4-bit gray to 8-bit, 16-bit kept (in the machine's byte order), no gamma or colour conversion. Every
// longjmp lands in the function that called setjmp, never in Swift.
#ifndef CONVSH_CPNG_SHIM_H
#define CONVSH_CPNG_SHIM_H

#include <png.h>
#include <zlib.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

/// What a PNG decodes to: width, height, channels (1 gray, 2 gray+alpha, 3 RGB, 4 RGBA; a palette expanded)
/// and bits per sample (8 or 16); `message` holds the reason when a call returns 0.
typedef struct {
    unsigned int width, height, channels, depth;
    char message[160];
} convsh_png_info;

/// Where a read is in its input.
typedef struct {
    const unsigned char *data;
    size_t size, offset;
} convsh_png_source;

/// A growing output buffer for a write (malloc'd; the caller frees `data`).
typedef struct {
    unsigned char *data;
    size_t size, capacity;
} convsh_png_sink;

static void convsh_png_error(png_structp png, png_const_charp message) {
    convsh_png_info *info = (convsh_png_info *)png_get_error_ptr(png);
    strncpy(info->message, message, sizeof info->message - 1);
    info->message[sizeof info->message - 1] = 0;
    png_longjmp(png, 1);
}

static void convsh_png_warning(png_structp png, png_const_charp message) { (void)png; (void)message; }

static void convsh_png_read_bytes(png_structp png, png_bytep out, size_t count) {
    convsh_png_source *source = (convsh_png_source *)png_get_io_ptr(png);
    if (count > source->size - source->offset) png_error(png, "file is truncated");
    memcpy(out, source->data + source->offset, count);
    source->offset += count;
}

/// Reads the header and sets the transforms; fills `info`. Must run after setjmp.
static void convsh_png_begin(png_structp png, png_infop header, convsh_png_info *info) {
    png_read_info(png, header);
    int type = png_get_color_type(png, header);
    int depth = png_get_bit_depth(png, header);
    if (type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (type == PNG_COLOR_TYPE_GRAY && depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    // As TensorFlow: a palette's tRNS chunk becomes alpha; a gray or RGB file's transparent colour is ignored.
    if (type == PNG_COLOR_TYPE_PALETTE && png_get_valid(png, header, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
    if (depth == 16) {
        unsigned short probe = 1;
        if (*(unsigned char *)&probe == 1) png_set_swap(png);
    }
    png_set_interlace_handling(png);
    png_read_update_info(png, header);
    info->width = png_get_image_width(png, header);
    info->height = png_get_image_height(png, header);
    info->channels = png_get_channels(png, header);
    info->depth = png_get_bit_depth(png, header);
}

/// Decodes the PNG in `data[0..<size]`. With `pixels` NULL it reads only the header into `info`; otherwise it
/// also decodes every row into `pixels`, which must hold `capacity` bytes, at least
/// width·height·channels·depth/8. Returns 1 on success, 0 with `info->message` set on failure.
static inline int convsh_png_read(const unsigned char *data, size_t size, convsh_png_info *info,
                                  void *pixels, size_t capacity) {
    memset(info, 0, sizeof *info);
    convsh_png_source source = { data, size, 0 };
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, info, convsh_png_error, convsh_png_warning);
    if (!png) { strcpy(info->message, "out of memory"); return 0; }
    png_infop header = png_create_info_struct(png);
    png_bytep *volatile rows = NULL;
    if (!header || setjmp(png_jmpbuf(png))) {
        if (!header) strcpy(info->message, "out of memory");
        free(rows);
        png_destroy_read_struct(&png, header ? &header : NULL, NULL);
        return 0;
    }
    png_set_read_fn(png, &source, convsh_png_read_bytes);
    convsh_png_begin(png, header, info);
    if (pixels) {
        size_t stride = (size_t)info->width * info->channels * (info->depth / 8);
        if (stride / info->channels / (info->depth / 8) != info->width || capacity / stride < info->height ||
            png_get_rowbytes(png, header) != stride) {
            png_error(png, "output buffer does not fit the image");
        }
        rows = (png_bytep *)malloc(sizeof(png_bytep) * (info->height ? info->height : 1));
        if (!rows) png_error(png, "out of memory");
        for (size_t y = 0; y < info->height; y++) rows[y] = (png_bytep)pixels + y * stride;
        png_read_image(png, rows);
        png_read_end(png, NULL);
    }
    free(rows);
    png_destroy_read_struct(&png, &header, NULL);
    return 1;
}

static void convsh_png_write_bytes(png_structp png, png_bytep bytes, size_t count) {
    convsh_png_sink *sink = (convsh_png_sink *)png_get_io_ptr(png);
    if (count > sink->capacity - sink->size) {
        size_t capacity = sink->capacity * 2 > sink->size + count ? sink->capacity * 2 : sink->size + count;
        unsigned char *grown = (unsigned char *)realloc(sink->data, capacity);
        if (!grown) png_error(png, "out of memory");
        sink->data = grown;
        sink->capacity = capacity;
    }
    memcpy(sink->data + sink->size, bytes, count);
    sink->size += count;
}

static void convsh_png_flush(png_structp png) { (void)png; }

/// Encodes `pixels` (width·height·channels samples, 8-bit or 16-bit in the machine's byte order) as a PNG
/// without gamma chunks, tuned for speed: zlib's run-length strategy and the Up filter on every row (see
/// PNG.swift for the measurements). With `palette_size` > 0 (at most 256 RGB triples in `palette`) one 8-bit
/// channel of indices is written as an indexed-colour PNG. On success returns 1 and a malloc'd buffer in `*out`
/// of `*out_size` bytes, which the caller frees; on failure returns 0 with `info->message` set.
static inline int convsh_png_write(const void *pixels, unsigned int width, unsigned int height,
                                   unsigned int channels, unsigned int depth, const unsigned char *palette,
                                   unsigned int palette_size, unsigned char **out, size_t *out_size,
                                   convsh_png_info *info) {
    static const int types[] = { PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA, PNG_COLOR_TYPE_RGB,
                                 PNG_COLOR_TYPE_RGB_ALPHA };
    memset(info, 0, sizeof *info);
    *out = NULL;
    *out_size = 0;
    if (channels < 1 || channels > 4 || (depth != 8 && depth != 16)) {
        strcpy(info->message, "unsupported channel count or bit depth");
        return 0;
    }
    if (palette_size > 256 || (palette_size > 0 && (channels != 1 || depth != 8 || !palette))) {
        strcpy(info->message, "a palette needs 1 to 256 colours and one 8-bit channel of indices");
        return 0;
    }
    convsh_png_sink sink = { NULL, 0, 0 };
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, info, convsh_png_error, convsh_png_warning);
    if (!png) { strcpy(info->message, "out of memory"); return 0; }
    png_infop header = png_create_info_struct(png);
    convsh_png_sink *volatile result = &sink;
    if (!header || setjmp(png_jmpbuf(png))) {
        if (!header) strcpy(info->message, "out of memory");
        free(result->data);
        png_destroy_write_struct(&png, header ? &header : NULL);
        return 0;
    }
    png_set_write_fn(png, &sink, convsh_png_write_bytes, convsh_png_flush);
    png_set_IHDR(png, header, width, height, (int)depth, palette_size ? PNG_COLOR_TYPE_PALETTE : types[channels - 1],
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (palette_size) {
        png_color colors[256];
        for (unsigned int i = 0; i < palette_size; i++) {
            colors[i].red = palette[3 * i];
            colors[i].green = palette[3 * i + 1];
            colors[i].blue = palette[3 * i + 2];
        }
        png_set_PLTE(png, header, colors, (int)palette_size);
    }
    png_set_compression_level(png, 1);
    png_set_compression_strategy(png, Z_RLE);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
    png_write_info(png, header);
    if (depth == 16) {
        unsigned short probe = 1;
        if (*(unsigned char *)&probe == 1) png_set_swap(png);
    }
    size_t stride = (size_t)width * channels * (depth / 8);
    for (size_t y = 0; y < height; y++) png_write_row(png, (png_const_bytep)pixels + y * stride);
    png_write_end(png, header);
    png_destroy_write_struct(&png, &header);
    *out = sink.data;
    *out_size = sink.size;
    return 1;
}

#endif
