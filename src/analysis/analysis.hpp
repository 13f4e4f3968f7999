// The one walk over the tree. It collects what every pass needs, so that no
// pass walks the tree again:
//   - token starts, for the source map;
//   - every `import.meta` and every `.hot` property, with their nearest
//     ancestors (the walk keeps its own stack: tree-sitter's parent lookup
//     costs O(depth));
//   - the module's import specifiers, static and dynamic;
//   - every assignment and update expression, and for-in/of loop (dev output
//     forwards writes to exported bindings).
//   - every JSX element and the comments that may hold JSX pragmas;
//   - whether a TypeScript tree may hold a shape the grammar misreads without
//     an ERROR (parser/recovery/typescript_repair.hpp), so that only such trees are walked for it.
// A second pass can ride along as a WalkVisitor (typescript/erase does): it sees the
// nodes in the same order and skips the subtrees it does not care about.
#pragma once

#include <tree_sitter/api.h>

#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.hpp"

namespace hmrc {

// Enough for any real chain of wrappers around `import.meta.hot.x(...)`; a
// deeper one is reported rather than guessed at.
inline constexpr std::size_t kMaxAncestors = 48;

struct NodeInContext {
  TSNode node;
  std::vector<TSNode> ancestors;  // nearest first, at most kMaxAncestors
};

struct ImportSpecifier {
  std::string specifier;   // as written, without quotes
  Span span;               // of the string literal
  bool dynamic;            // import("x")
  bool type_only = false;  // `import type … from "x"`, `export type … from "x"`: no runtime edge
};

struct Analysis {
  std::vector<uint32_t> token_starts;         // empty unless AnalyzeOptions::token_starts
  std::vector<NodeInContext> import_metas;    // meta_property nodes
  std::vector<NodeInContext> hot_properties;  // property_identifier `hot` of x.hot
  std::vector<ImportSpecifier> imports;
  std::vector<TSNode> writes;        // assignments, `x op= y`, `x++`, for-in/of; in document order
  std::vector<TSNode> jsx_elements;  // in document order (an element before those inside it)
  std::vector<TSNode> jsx_pragmas;   // comments containing `@jsx`
  std::vector<NodeInContext> classes;  // declarations and expressions, outer first (decorators)
  // `(x as A.B).C`, `extends (B < T) > {...}` or `>` before a template
  // literal was seen: typescript_repair may apply.
  bool maybe_misread_typescript = false;
};

// A pass that walks along with the analysis.
class WalkVisitor {
 public:
  virtual ~WalkVisitor() = default;
  // A node, in document order. Returning false skips its subtree and its
  // leave(); the cursor is on the node (for its field).
  virtual bool enter(TSNode node, const TSTreeCursor* cursor) = 0;
  // After the subtree of a node whose enter() returned true.
  virtual void leave() = 0;
};

struct AnalyzeOptions {
  bool token_starts = true;  // only the source map needs them
  WalkVisitor* visitor = nullptr;
};

Analysis analyze(TSNode root, std::string_view text, const AnalyzeOptions& options = {});

}  // namespace hmrc
