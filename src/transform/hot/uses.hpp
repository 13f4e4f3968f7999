// Classifies every use of import.meta.hot, or rejects it (HMR-SPEC 1.2).
// The dev rewrite and the prod removal work from this list, so both modes
// accept and reject exactly the same code.
//
//   import.meta.hot.accept("./dep", cb)    call    (accepts ./dep)
//   import.meta.hot.data.n ??= 0           data    (a write: self-accepting)
//   if (import.meta.hot) ...               test
//   const hot = import.meta.hot            HMR001: the API escapes as a value
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analysis/analysis.hpp"

namespace hmrc {

// A node seen from below: its ancestors (nearest first) come from the
// analysis walk, so climbing never asks tree-sitter for a parent.
struct AncestorCursor {
  TSNode node;
  const std::vector<TSNode>* ancestors;
  std::size_t next = 0;  // index of node's parent in ancestors
  bool truncated = false;

  // Moves over wrappers (parentheses, `as`, `satisfies`, `!`, `<T>x`) and
  // returns what uses the wrapped node, or a null node at the top.
  TSNode parent();
  // Moves to the parent.
  void up() { node = (*ancestors)[next++]; }
};

struct HotUse {
  enum class Kind { call, data, test } kind;
  TSNode hot;             // the `import.meta.hot` expression
  TSNode target;          // call: the call_expression; data: `…hot.data`; test: the hot node
  std::string_view api;   // call: accept, dispose, ...
  AncestorCursor at_hot;  // positioned on `hot`
};

struct HotUses {
  std::vector<HotUse> uses;
  bool self_accepts = false;               // accept() without dependencies, or a write to data
  std::vector<std::string> accepted_deps;  // specifiers as written, in order, no repeats
  bool meta_escapes = false;  // import.meta aliased or used as a value: .hot may be reached later
};

HotUses classify_hot_uses(const Analysis& analysis, std::string_view text,
                          std::vector<Diagnostic>& diagnostics);

}  // namespace hmrc
