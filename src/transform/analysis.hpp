// The one walk over the tree. It collects what every pass needs, so that no
// pass walks the tree again:
//   - token starts, for the source map;
//   - every `import.meta` and every `.hot` property, with their nearest
//     ancestors (the walk keeps its own stack: tree-sitter's parent lookup
//     costs O(depth));
//   - the module's import specifiers, static and dynamic;
//   - every assignment and update expression, and for-in/of loop (dev output
//     forwards writes to exported bindings).
#pragma once

#include <tree_sitter/api.h>

#include <string>
#include <string_view>
#include <vector>

#include "parser/diagnostic.hpp"

namespace hmrc {

// Enough for any real chain of wrappers around `import.meta.hot.x(...)`; a
// deeper one is reported rather than guessed at.
inline constexpr std::size_t kMaxAncestors = 48;

struct NodeInContext {
  TSNode node;
  std::vector<TSNode> ancestors;  // nearest first, at most kMaxAncestors
};

struct ImportSpecifier {
  std::string specifier;  // as written, without quotes
  Span span;              // of the string literal
  bool dynamic;           // import("x")
};

struct Analysis {
  std::vector<uint32_t> token_starts;
  std::vector<NodeInContext> import_metas;    // meta_property nodes
  std::vector<NodeInContext> hot_properties;  // property_identifier `hot` of x.hot
  std::vector<ImportSpecifier> imports;
  std::vector<TSNode> writes;  // assignments, `x op= y`, `x++`, for-in/of; in document order
};

Analysis analyze(TSNode root, std::string_view text);

}  // namespace hmrc
