// Small questions about tree-sitter nodes that every pass asks.
#pragma once

#include <tree_sitter/api.h>

#include <string_view>

namespace hmrc::node {

inline bool is(TSNode n, std::string_view type) {
  return !ts_node_is_null(n) && type == ts_node_type(n);
}

inline TSNode field(TSNode n, std::string_view name) {
  return ts_node_child_by_field_name(n, name.data(), static_cast<uint32_t>(name.size()));
}

inline bool same(TSNode a, TSNode b) {
  return !ts_node_is_null(a) && !ts_node_is_null(b) && ts_node_eq(a, b);
}

inline std::string_view text(TSNode n, std::string_view source) {
  return source.substr(ts_node_start_byte(n), ts_node_end_byte(n) - ts_node_start_byte(n));
}

inline uint32_t start(TSNode n) { return ts_node_start_byte(n); }
inline uint32_t end(TSNode n) { return ts_node_end_byte(n); }

}  // namespace hmrc::node
