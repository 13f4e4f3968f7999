// The decorator stage: TC39 decorators (standard.hpp) or, with
// experimentalDecorators, TypeScript's legacy ones (legacy.hpp); `accessor`
// fields are lowered either way. Files without classes cost nothing.
#pragma once

#include <tree_sitter/api.h>

#include <string_view>
#include <vector>

#include "parser/diagnostic.hpp"
#include "transform/analysis.hpp"
#include "transform/edit_buffer.hpp"
#include "transform/ts_options.hpp"

namespace hmrc {

void lower_decorators(TSNode program, const Analysis& analysis, std::string_view text,
                      const TsOptions& options, EditBuffer& edits,
                      std::vector<Diagnostic>& diagnostics);

}  // namespace hmrc
