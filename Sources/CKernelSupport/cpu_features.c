#include "ckernel_support.h"

#if defined(__x86_64__)
#include <cpuid.h>

/// XCR0: which register states the OS saves on a context switch.
static unsigned long long read_xcr0(void) {
    unsigned int eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((unsigned long long)edx << 32) | eax;
}

static int bit(unsigned int word, int n) { return (word >> n) & 1; }

int ckernel_features(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    int fma = bit(ecx, 12), movbe = bit(ecx, 22), popcnt = bit(ecx, 23), osxsave = bit(ecx, 27),
        avx = bit(ecx, 28), f16c = bit(ecx, 29);
    if (!osxsave || !avx) return 0;
    unsigned long long xcr0 = read_xcr0();
    int ymm_state = (xcr0 & 0x6) == 0x6;            /* SSE + AVX */
    int zmm_state = (xcr0 & 0xe6) == 0xe6;          /* + opmask, ZMM0-15 upper halves, ZMM16-31 */

    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    int bmi1 = bit(ebx, 3), avx2 = bit(ebx, 5), bmi2 = bit(ebx, 8), avx512f = bit(ebx, 16),
        avx512dq = bit(ebx, 17), avx512cd = bit(ebx, 28), avx512bw = bit(ebx, 30), avx512vl = bit(ebx, 31);

    int lzcnt = 0;
    if (__get_cpuid(0x80000001, &eax, &ebx, &ecx, &edx)) lzcnt = bit(ecx, 5);

    int features = 0;
    if (ymm_state && avx2 && fma && bmi1 && bmi2 && f16c && movbe && lzcnt && popcnt) {
        features |= CKERNEL_AVX2;
        if (zmm_state && avx512f && avx512dq && avx512cd && avx512bw && avx512vl) features |= CKERNEL_AVX512;
    }
    return features;
}

#else

int ckernel_features(void) { return 0; }

#endif
