// Turns tree-sitter's ERROR and MISSING nodes into diagnostics.
#pragma once

#include <tree_sitter/api.h>

#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.hpp"

namespace hmrc {

inline constexpr std::size_t kMaxSyntaxErrors = 20;

// One diagnostic per ERROR or MISSING region, in source order. After
// kMaxSyntaxErrors, a last diagnostic says how many more were left out.
void collect_syntax_errors(TSNode root, std::string_view text, std::vector<Diagnostic>& out);

}  // namespace hmrc
