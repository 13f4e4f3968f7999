// Is a name declared where a signature is emitted? React's plugin lists a
// custom hook in the signature only when its binding is in scope there;
// otherwise the component must remount on every edit (forceReset), because
// the hook could have changed without hmrc seeing it.
//
//   Input:  import { useUser } from "./user";  function A() { useUser(); useGlobal(); }
//   In scope at `_s(A, ...)`: useUser (an import); not: useGlobal
//
// Scopes are read from the ancestors the walk kept, not from a scope tree:
// program and block declarations, imports, parameters, function and class
// names, for and catch heads. Not seen: `var` hoisted out of a nested block.
#pragma once

#include <tree_sitter/api.h>

#include <string_view>
#include <vector>

namespace hmrc::refresh {

// `chain`: the scopes to look in, nearest first (ancestors, and a function
// itself when its own scope counts).
bool declared_in(std::string_view name, const std::vector<TSNode>& chain, std::string_view text);

}  // namespace hmrc::refresh
