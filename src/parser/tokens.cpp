#include "tokens.hpp"

#include "tree.hpp"

namespace hmrc {

std::vector<uint32_t> token_starts(TSNode root) {
  std::vector<uint32_t> starts;
  // Roughly one token per five bytes of typical code.
  starts.reserve((ts_node_end_byte(root) - ts_node_start_byte(root)) / 5);
  TreeCursor cursor(root);
  for (;;) {
    if (cursor.first_child()) continue;
    uint32_t start = ts_node_start_byte(cursor.node());
    if (starts.empty() || starts.back() < start) starts.push_back(start);
    if (!cursor.skip_subtree()) break;
  }
  return starts;
}

}  // namespace hmrc
