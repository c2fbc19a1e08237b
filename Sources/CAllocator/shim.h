#ifndef TRIBUTARY_CALLOCATOR_SHIM_H
#define TRIBUTARY_CALLOCATOR_SHIM_H
/* The C library's allocator controls (glibc's malloc_trim): part of libc, nothing to link. */
#if defined(__linux__)
#include <malloc.h>
#endif
#endif
