// libjpeg-turbo's TurboJPEG API, version 2.1 (Debian 12's libturbojpeg0-dev): tjInitDecompress,
// tjDecompressHeader3, tjDecompress2, tjCompress2, tjGetErrorStr2, tjGetErrorCode. Errors come back as return
// codes, so Swift can call it directly; nothing here needs a wrapper.
#ifndef CONVSH_CJPEG_SHIM_H
#define CONVSH_CJPEG_SHIM_H

#include <turbojpeg.h>

#endif
