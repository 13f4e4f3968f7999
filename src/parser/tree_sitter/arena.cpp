#include "arena.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <vector>

// Under AddressSanitizer the arena marks what it has not handed out, so a
// read past a node, or of a tree whose arena is gone, is still reported.
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define HMRC_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define HMRC_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define HMRC_POISON(p, n) ((void)(p), (void)(n))
#define HMRC_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

namespace hmrc::ts_alloc {
namespace {

// Every block tree-sitter gets starts 8 bytes before the pointer it sees: how
// many bytes were asked for (realloc must copy them out of an arena) and, in
// the low bit, whether an arena owns it. tree-sitter's structures need no more
// than 8-byte alignment; a 16-byte header made typescript.js's tree 6% larger.
struct Header {
  std::size_t word;
  std::size_t size() const { return word >> 1; }
  bool in_arena() const { return word & 1; }
};
static_assert(sizeof(Header) == 8);
constexpr std::size_t kAlign = 8;

// A run of memory an arena bumps through; its data follows the struct.
struct Block {
  Block* next;
  std::size_t size;  // of the data
};
static_assert(sizeof(Block) == 16);

constexpr std::size_t kFirstBlock = std::size_t{256} << 10;
constexpr std::size_t kMaxBlock = std::size_t{32} << 20;
// Blocks kept for the next file. Enough for any ordinary module's parse, so
// a batch or a dev server mostly reuses warm memory; the arena of one huge
// file (typescript.js takes hundreds of MB) goes back to the system.
constexpr std::size_t kMaxCached = std::size_t{64} << 20;

thread_local Arena* t_current = nullptr;

[[noreturn]] void out_of_memory(std::size_t size) {
  std::fprintf(stderr, "hmrc: out of memory (tree-sitter asked for %zu bytes)\n", size);
  std::abort();
}

std::size_t round_up(std::size_t n) { return (n + kAlign - 1) & ~(kAlign - 1); }

char* data_of(Block* b) { return reinterpret_cast<char*>(b + 1); }

// Plain malloc: huge pages (MADV_HUGEPAGE on 2 MiB-aligned blocks) cut page
// faults tenfold on typescript.js but tripled system time.
Block* new_block(std::size_t want) {
  std::size_t total = sizeof(Block) + want;
  void* p = std::malloc(total);
  if (!p) out_of_memory(want);
  auto* b = static_cast<Block*>(p);
  b->size = total - sizeof(Block);
  return b;
}

// Blocks of finished arenas, shared by all threads: an arena can die on
// another thread than the one that filled it (a tree handed over).
class BlockCache {
 public:
  Block* take(std::size_t at_least) {
    std::lock_guard lock(mutex_);
    for (Block** link = &free_; *link; link = &(*link)->next) {
      if ((*link)->size >= at_least) {
        Block* b = *link;
        *link = b->next;
        cached_ -= b->size;
        return b;
      }
    }
    return nullptr;
  }

  void give(Block* list) {
    std::lock_guard lock(mutex_);
    while (list) {
      Block* b = list;
      list = b->next;
      if (cached_ + b->size > kMaxCached) {
        std::free(b);
        continue;
      }
      b->next = free_;
      free_ = b;
      cached_ += b->size;
      HMRC_POISON(data_of(b), b->size);
    }
  }

 private:
  std::mutex mutex_;
  Block* free_ = nullptr;
  std::size_t cached_ = 0;
};

// Never destroyed: arenas may be released by exit-time destructors.
BlockCache& cache() {
  static BlockCache* c = new BlockCache;
  return *c;
}

}  // namespace

class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena() { cache().give(blocks_); }

  void* allocate(std::size_t size) {
    std::size_t need = sizeof(Header) + round_up(size);
    if (static_cast<std::size_t>(end_ - cur_) < need) grow(need);
    HMRC_UNPOISON(cur_, sizeof(Header) + size);
    auto* h = reinterpret_cast<Header*>(cur_);
    h->word = size << 1 | 1;
    last_ = cur_;
    cur_ += need;
    used_ += need;
    return h + 1;
  }

  // Only the newest block can be given back; the rest waits for the arena's
  // end. That newest-first pattern is common: scratch arrays, popped nodes.
  void release(Header* h) {
    if (reinterpret_cast<char*>(h) != last_) return;
    used_ -= static_cast<std::size_t>(cur_ - last_);
    HMRC_POISON(last_, static_cast<std::size_t>(cur_ - last_));
    cur_ = last_;
    last_ = nullptr;
  }

  void* resize(Header* h, std::size_t size) {
    char* at = reinterpret_cast<char*>(h);
    if (at == last_ && sizeof(Header) + round_up(size) <= static_cast<std::size_t>(end_ - at)) {
      char* new_cur = at + sizeof(Header) + round_up(size);
      used_ = used_ - static_cast<std::size_t>(cur_ - at) + static_cast<std::size_t>(new_cur - at);
      HMRC_POISON(at, static_cast<std::size_t>(std::max(cur_, new_cur) - at));
      HMRC_UNPOISON(at, sizeof(Header) + size);
      cur_ = new_cur;
      h->word = size << 1 | 1;
      return h + 1;
    }
    if (size <= h->size()) {
      h->word = size << 1 | 1;
      return h + 1;
    }
    void* moved = allocate(size);
    std::memcpy(moved, h + 1, h->size());
    return moved;
  }

  std::size_t used() const { return used_; }
  void keep_alive(ArenaRef other) { kept_.push_back(std::move(other)); }

 private:
  void grow(std::size_t need) {
    std::size_t want = std::max(next_size_, need);
    Block* b = cache().take(want);
    if (!b) b = new_block(want);
    HMRC_POISON(data_of(b), b->size);
    b->next = blocks_;
    blocks_ = b;
    cur_ = data_of(b);
    end_ = cur_ + b->size;
    last_ = nullptr;
    next_size_ = std::min(std::max(next_size_, b->size) * 2, kMaxBlock);
  }

  Block* blocks_ = nullptr;
  char* cur_ = nullptr;
  char* end_ = nullptr;
  char* last_ = nullptr;  // the newest allocation, while nothing follows it
  std::size_t next_size_ = kFirstBlock;
  std::size_t used_ = 0;
  std::vector<ArenaRef> kept_;
};

ArenaRef make_arena() { return std::make_shared<Arena>(); }

ArenaScope::ArenaScope(Arena* arena) : previous_(t_current) { t_current = arena; }
ArenaScope::~ArenaScope() { t_current = previous_; }

void keep_alive(Arena& arena, ArenaRef other) { arena.keep_alive(std::move(other)); }

std::size_t arena_bytes_used(const Arena& arena) { return arena.used(); }

}  // namespace hmrc::ts_alloc

using hmrc::ts_alloc::Header;
using hmrc::ts_alloc::t_current;

extern "C" {

void* hmrc_ts_malloc(std::size_t size) {
  if (t_current) return t_current->allocate(size);
  auto* h = static_cast<Header*>(std::malloc(sizeof(Header) + size));
  if (!h) hmrc::ts_alloc::out_of_memory(size);
  h->word = size << 1;
  return h + 1;
}

void* hmrc_ts_calloc(std::size_t count, std::size_t size) {
  if (size && count > SIZE_MAX / 4 / size) hmrc::ts_alloc::out_of_memory(SIZE_MAX);
  void* p = hmrc_ts_malloc(count * size);
  std::memset(p, 0, count * size);
  return p;
}

// An arena block can only be the current arena's newest one if that arena
// handed it out: comparing addresses is enough to know.
void* hmrc_ts_realloc(void* ptr, std::size_t size) {
  if (!ptr) return hmrc_ts_malloc(size);
  Header* h = static_cast<Header*>(ptr) - 1;
  if (h->in_arena()) {
    // Arena blocks stay where they are until the arena ends: moving one
    // into malloc would only add a copy.
    if (t_current) return t_current->resize(h, size);
    void* moved = hmrc_ts_malloc(size);
    std::memcpy(moved, ptr, std::min(size, h->size()));
    return moved;
  }
  auto* grown = static_cast<Header*>(std::realloc(h, sizeof(Header) + size));
  if (!grown) hmrc::ts_alloc::out_of_memory(size);
  grown->word = size << 1;
  return grown + 1;
}

void hmrc_ts_free(void* ptr) {
  if (!ptr) return;
  Header* h = static_cast<Header*>(ptr) - 1;
  if (!h->in_arena()) {
    std::free(h);
  } else if (t_current) {
    t_current->release(h);
  }
}

}  // extern "C"
