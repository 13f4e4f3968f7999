// Parsing around a tree-sitter-javascript/-typescript grammar gap: a bare `&`
// in JSX text or a JSX attribute string ("Terms & Conditions") is valid JSX
// but an ERROR for the grammar (tree-sitter-javascript#366). Where the tree
// shows such an `&`, it is masked with a space in a copy of the source and the
// copy is parsed again; byte offsets are unchanged, and every pass still reads
// the original text, so the `&` stays in the output.
//
//   <p>Tom & Jerry</p>   parsed as   <p>Tom   Jerry</p>,   compiled from the original
#pragma once

#include <string>
#include <string_view>

#include "parser/tree.hpp"

namespace hmrc {

// The tree of `source`, or of `masked` (which it then fills) when masking bare
// `&` in JSX removes every syntax error; otherwise the original tree.
Tree parse_allowing_bare_ampersands(Parser& parser, std::string_view source,
                                    const TSLanguage* language, std::string& masked);

}  // namespace hmrc
