/* The allocation functions the tree-sitter runtime is compiled to call (see
   meson.build and arena.hpp). Forced into lib.c with -include: C would
   otherwise take them for functions returning int. */
#ifndef HMRC_TS_ALLOC_H_
#define HMRC_TS_ALLOC_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

void* hmrc_ts_malloc(size_t size);
void* hmrc_ts_calloc(size_t count, size_t size);
void* hmrc_ts_realloc(void* ptr, size_t size);
void hmrc_ts_free(void* ptr);

#ifdef __cplusplus
}
#endif

#endif
