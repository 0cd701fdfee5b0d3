// The parts of libhdf5's C API that Swift cannot call directly: macros over H5open() and global ids
// (H5P_FILE_ACCESS, H5T_NATIVE_FLOAT, H5T_C_S1), version macros (H5Dopen, H5Gopen), H5T_VARIABLE, and the
// link iteration callback. Every function returns a negative value (or NULL) on failure and never prints.
#ifndef CONVSH_HDF5_SHIM_H
#define CONVSH_HDF5_SHIM_H
#include <hdf5.h>
#include <stdlib.h>
#include <string.h>

/// Initialises the library once and silences its error stack printing (errors are return codes here).
static inline int convsh_h5_init(void) {
    if (H5open() < 0) return -1;
    return (int)H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
}

/// Opens a file image held in memory (the core driver, no backing store); the caller keeps `bytes` alive
/// until H5Fclose. Returns the file id or a negative value.
static inline hid_t convsh_h5_open_image(const void *bytes, size_t count) {
    hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
    if (fapl < 0) return -1;
    if (H5Pset_fapl_core(fapl, 1 << 16, 0) < 0 || H5Pset_file_image(fapl, (void *)bytes, count) < 0) {
        H5Pclose(fapl);
        return -1;
    }
    hid_t file = H5Fopen("convsh-memory-image", H5F_ACC_RDONLY, fapl);
    H5Pclose(fapl);
    return file;
}

/// 0 for a group, 1 for a dataset, 2 for anything else, negative when `path` (relative to `loc`) is absent.
static inline int convsh_h5_kind(hid_t loc, const char *path) {
    if (H5Lexists(loc, path, H5P_DEFAULT) <= 0) return -1;
    H5O_info_t info;
    if (H5Oget_info_by_name2(loc, path, &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) return -1;
    return info.type == H5O_TYPE_GROUP ? 0 : info.type == H5O_TYPE_DATASET ? 1 : 2;
}

static inline hid_t convsh_h5_open_group(hid_t loc, const char *path) { return H5Gopen2(loc, path, H5P_DEFAULT); }
static inline hid_t convsh_h5_open_dataset(hid_t loc, const char *path) { return H5Dopen2(loc, path, H5P_DEFAULT); }

static herr_t convsh_h5_collect(hid_t group, const char *name, const H5L_info_t *info, void *data) {
    (void)group; (void)info;
    char **buffer = (char **)data;
    size_t used = *buffer ? strlen(*buffer) : 0, extra = strlen(name) + 2;
    char *grown = (char *)realloc(*buffer, used + extra);
    if (!grown) return -1;
    grown[used] = 0;
    strcat(grown, name);
    strcat(grown, "\n");
    *buffer = grown;
    return 0;
}

/// The names of a group's links, each followed by '\n', in name order; NULL on failure or for no children.
/// The caller frees the result.
static inline char *convsh_h5_children(hid_t group) {
    char *buffer = NULL;
    hsize_t index = 0;
    if (H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, &index, convsh_h5_collect, &buffer) < 0) {
        free(buffer);
        return NULL;
    }
    return buffer;
}

/// A dataset's rank (at most 8) and dimensions; -1 when it is not a simple floating-point or integer dataset.
static inline int convsh_h5_dataset_shape(hid_t dataset, unsigned long long *dims) {
    hid_t type = H5Dget_type(dataset);
    if (type < 0) return -1;
    H5T_class_t cls = H5Tget_class(type);
    H5Tclose(type);
    if (cls != H5T_FLOAT && cls != H5T_INTEGER) return -1;
    hid_t space = H5Dget_space(dataset);
    if (space < 0) return -1;
    int rank = H5Sget_simple_extent_ndims(space);
    hsize_t d[32];
    if (rank < 0 || rank > 8 || H5Sget_simple_extent_dims(space, d, NULL) < 0) { H5Sclose(space); return -1; }
    for (int i = 0; i < rank; i++) dims[i] = d[i];
    H5Sclose(space);
    return rank;
}

/// Reads a whole dataset as native float32 into `out` (which holds every element).
static inline int convsh_h5_read_float(hid_t dataset, float *out) {
    return H5Dread(dataset, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, out) < 0 ? -1 : 0;
}

/// Reads the string attribute `name` of the object at `path` (relative to `loc`): a scalar or a 1-D array of
/// fixed- or variable-length strings. Returns the strings, each followed by '\n' (so none may contain one),
/// or NULL when the attribute is absent or not strings. `count` receives the number of strings.
static inline char *convsh_h5_string_attribute(hid_t loc, const char *path, const char *name, long *count) {
    if (H5Aexists_by_name(loc, path, name, H5P_DEFAULT) <= 0) return NULL;
    hid_t attr = H5Aopen_by_name(loc, path, name, H5P_DEFAULT, H5P_DEFAULT);
    if (attr < 0) return NULL;
    char *result = NULL;
    hid_t type = H5Aget_type(attr), space = H5Aget_space(attr), memtype = -1;
    if (type < 0 || space < 0 || H5Tget_class(type) != H5T_STRING) goto done;
    int rank = H5Sget_simple_extent_ndims(space);
    if (rank < 0 || rank > 1) goto done;
    hssize_t n = H5Sget_simple_extent_npoints(space);
    if (n < 0 || n > (1 << 24)) goto done;
    memtype = H5Tcopy(H5T_C_S1);
    if (memtype < 0 || H5Tset_cset(memtype, H5Tget_cset(type)) < 0) goto done;
    if (H5Tis_variable_str(type) > 0) {
        if (H5Tset_size(memtype, H5T_VARIABLE) < 0) goto done;
        char **items = (char **)calloc((size_t)n + 1, sizeof(char *));
        if (!items) goto done;
        if (H5Aread(attr, memtype, items) >= 0) {
            size_t total = 1;
            for (hssize_t i = 0; i < n; i++) total += (items[i] ? strlen(items[i]) : 0) + 1;
            result = (char *)malloc(total);
            if (result) {
                result[0] = 0;
                for (hssize_t i = 0; i < n; i++) { if (items[i]) strcat(result, items[i]); strcat(result, "\n"); }
            }
            H5Dvlen_reclaim(memtype, space, H5P_DEFAULT, items);
        }
        free(items);
    } else {
        size_t size = H5Tget_size(type);
        if (size == 0 || size > (1 << 20) || H5Tset_size(memtype, size + 1) < 0) goto done;
        if (H5Tset_strpad(memtype, H5T_STR_NULLTERM) < 0) goto done;
        char *raw = (char *)calloc((size_t)n, size + 1);
        if (!raw) goto done;
        if (H5Aread(attr, memtype, raw) >= 0) {
            result = (char *)malloc((size_t)n * (size + 2) + 1);
            if (result) {
                result[0] = 0;
                for (hssize_t i = 0; i < n; i++) { strncat(result, raw + i * (size + 1), size); strcat(result, "\n"); }
            }
        }
        free(raw);
    }
    *count = (long)n;
done:
    if (memtype >= 0) H5Tclose(memtype);
    if (space >= 0) H5Sclose(space);
    if (type >= 0) H5Tclose(type);
    H5Aclose(attr);
    return result;
}

static inline int convsh_h5_close_file(hid_t id) { return H5Fclose(id); }
static inline int convsh_h5_close_group(hid_t id) { return H5Gclose(id); }
static inline int convsh_h5_close_dataset(hid_t id) { return H5Dclose(id); }
#endif
