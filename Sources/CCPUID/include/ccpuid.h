#ifndef CCPUID_H
#define CCPUID_H

/// Bits of `ccpuid_features()`.
enum {
    /// AVX2 + FMA + BMI1/2 + F16C + MOVBE + LZCNT + POPCNT, with YMM state enabled by the OS (Haswell and later).
    CCPUID_AVX2 = 1,
    /// AVX-512 F/CD/BW/DQ/VL on top of CCPUID_AVX2, with ZMM state enabled by the OS (Skylake-SP and later).
    CCPUID_AVX512 = 2,
};

/// The kernel sets this CPU and operating system can run; 0 off x86-64.
int ccpuid_features(void);

#endif
