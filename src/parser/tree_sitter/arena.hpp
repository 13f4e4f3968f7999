// Where tree-sitter's memory comes from. The runtime is built with its
// ts_malloc/ts_calloc/ts_realloc/ts_free renamed to the functions in
// arena.cpp (see meson.build), so every allocation it makes goes through here.
//
// While an ArenaScope is open on a thread, tree-sitter's allocations on that
// thread are bumped out of the scope's Arena; everywhere else they go to
// malloc. A parse makes millions of small allocations and a tree of millions
// of reference-counted nodes; with an arena, freeing that tree is dropping
// the arena (a few large blocks, reused for the next file) instead of a walk
// over every node and as many calls to free. That walk and glibc's
// consolidation were 17% of `hmrc --prod` on a 9 MB file.
//
// Each block carries an 8-byte header saying whether an arena owns it, so a
// pointer can be freed or reallocated from anywhere, scope open or not. Consequence: memory
// that tree-sitter's API hands to callers to release with free()
// (ts_node_string, ts_tree_get_changed_ranges) must be released with
// hmrc_ts_free instead.
#pragma once

#include <cstddef>
#include <memory>

#include "ts_alloc.h"

namespace hmrc::ts_alloc {

class Arena;

// Shared by whatever holds arena memory (a parser, its trees): the blocks go
// back to a process-wide cache when the last owner lets go.
using ArenaRef = std::shared_ptr<Arena>;
ArenaRef make_arena();

// Sends this thread's tree-sitter allocations to `arena` until destroyed.
// Scopes nest; a null arena means malloc.
class ArenaScope {
 public:
  explicit ArenaScope(Arena* arena);
  ~ArenaScope();
  ArenaScope(const ArenaScope&) = delete;
  ArenaScope& operator=(const ArenaScope&) = delete;

 private:
  Arena* previous_;
};

// `arena` holds nodes of `other` (an incremental parse): keep it alive too.
void keep_alive(Arena& arena, ArenaRef other);

// Bytes currently handed out by `arena` (for tests and the bench).
std::size_t arena_bytes_used(const Arena& arena);

}  // namespace hmrc::ts_alloc
