#ifndef CKERNEL_SUPPORT_H
#define CKERNEL_SUPPORT_H

// What Swift cannot say itself: which kernel sets the CPU can run (CPUID, XGETBV), stores that bypass the cache,
// prefetches and spin-wait hints. The inline functions compile into each Swift target that calls them, with that
// target's instruction set.

/// Bits of `ckernel_features()`.
enum {
    /// AVX2 + FMA + BMI1/2 + F16C + MOVBE + LZCNT + POPCNT, with YMM state enabled by the OS (Haswell and later).
    CKERNEL_AVX2 = 1,
    /// AVX-512 F/CD/BW/DQ/VL on top of CKERNEL_AVX2, with ZMM state enabled by the OS (Skylake-SP and later).
    CKERNEL_AVX512 = 2,
};

/// The kernel sets this CPU and operating system can run; 0 off x86-64.
int ckernel_features(void);

typedef float ckernel_float4 __attribute__((ext_vector_type(4)));
typedef float ckernel_float8 __attribute__((ext_vector_type(8)));
typedef float ckernel_float16 __attribute__((ext_vector_type(16)));

/// Unaligned loads and stores of whole vectors, one instruction each (Swift's `loadUnaligned`/`storeBytes` of a
/// `SIMD16<Float>` added a masked register move per store under AVX-512).
#define CKERNEL_DEFINE_LOAD_STORE(N)                                                                                \
    static inline __attribute__((always_inline)) ckernel_float##N ckernel_load##N(const float *p) {             \
        ckernel_float##N v;                                                                                      \
        __builtin_memcpy(&v, p, sizeof v);                                                                       \
        return v;                                                                                                \
    }                                                                                                            \
    static inline __attribute__((always_inline)) void ckernel_store##N(float *p, ckernel_float##N v) {          \
        __builtin_memcpy(p, &v, sizeof v);                                                                       \
    }
CKERNEL_DEFINE_LOAD_STORE(4)
CKERNEL_DEFINE_LOAD_STORE(8)
CKERNEL_DEFINE_LOAD_STORE(16)

/// Non-temporal stores: write `v` to `p` (aligned to the vector's size) without first reading its cache line.
static inline __attribute__((always_inline)) void ckernel_stream4(float *p, ckernel_float4 v) {
    __builtin_nontemporal_store(v, (ckernel_float4 *)p);
}
static inline __attribute__((always_inline)) void ckernel_stream8(float *p, ckernel_float8 v) {
    __builtin_nontemporal_store(v, (ckernel_float8 *)p);
}
static inline __attribute__((always_inline)) void ckernel_stream16(float *p, ckernel_float16 v) {
    __builtin_nontemporal_store(v, (ckernel_float16 *)p);
}

/// Correctly rounded square roots of every lane in one instruction (SQRTPS/VSQRTPS): Swift's `squareRoot()` on a
/// SIMD vector goes lane by lane through a scalar call and never vectorises.
static inline __attribute__((always_inline)) ckernel_float4 ckernel_sqrt4(ckernel_float4 v) {
    return __builtin_elementwise_sqrt(v);
}
static inline __attribute__((always_inline)) ckernel_float8 ckernel_sqrt8(ckernel_float8 v) {
    return __builtin_elementwise_sqrt(v);
}
static inline __attribute__((always_inline)) ckernel_float16 ckernel_sqrt16(ckernel_float16 v) {
    return __builtin_elementwise_sqrt(v);
}

/// Asks for the cache line holding `p` to be loaded into all cache levels ahead of use; never faults.
static inline __attribute__((always_inline)) void ckernel_prefetch(const float *p) { __builtin_prefetch(p, 0, 3); }

/// Tells the CPU this thread is spinning on a shared variable (PAUSE on x86, YIELD on arm64).
static inline __attribute__((always_inline)) void ckernel_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ volatile("yield");
#endif
}

/// Orders earlier non-temporal stores before later stores (they are weakly ordered on x86).
static inline __attribute__((always_inline)) void ckernel_stream_fence(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_sfence();
#else
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}

// MARK: - Signals (signals.c)

/// Cooperative cancellation: a signal handler calls `convsh_cancel_request`; work polls `convsh_cancel_requested`.
void convsh_cancel_request(void);
int convsh_cancel_requested(void);
void convsh_cancel_clear(void);

/// Live temporary files, which `convsh_temporaries_unlink_all` (async-signal-safe) removes on SIGINT/SIGTERM.
/// `convsh_temporary_add` copies `path` and returns its slot (-1 when the table is full); remove frees it.
int convsh_temporary_add(const char *path);
void convsh_temporary_remove(int slot);
/// `mkstemp` whose file is registered as live before it exists, so a signal at any moment leaves no temporary
/// behind: `template_path` ends in XXXXXX and is rewritten with the name used. Returns the descriptor (-1 with
/// errno set) and the slot (for `convsh_temporary_remove`) in `*slot`.
int convsh_temporary_create(char *template_path, int *slot);
void convsh_temporaries_unlink_all(void);

#endif
