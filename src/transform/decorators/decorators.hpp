// The decorator stage: TC39 decorators (standard.hpp) or, with
// experimentalDecorators, TypeScript's legacy ones (legacy.hpp); `accessor`
// fields are lowered either way. Files without classes cost nothing.
#pragma once

#include <tree_sitter/api.h>

#include <string_view>
#include <vector>

#include "analysis/analysis.hpp"
#include "diagnostics/diagnostic.hpp"
#include "emit/edit_buffer.hpp"
#include "transform/typescript/options.hpp"

namespace hmrc {
namespace ts {
struct Facts;
}

// `facts`: the TypeScript walk's (null for JavaScript): local enums for metadata.
void lower_decorators(TSNode program, const Analysis& analysis, std::string_view text,
                      const TsOptions& options, const ts::Facts* facts, EditBuffer& edits,
                      std::vector<Diagnostic>& diagnostics);

// emitDecoratorMetadata refers to the types of decorated members as values
// (`design:paramtypes`, [Svc]): before import elision, their imports are
// marked used, so that `import { Svc }` stays, as tsc keeps it.
void keep_decorator_metadata_imports(const Analysis& analysis, std::string_view text,
                                     const TsOptions& options, ts::Facts& facts);

}  // namespace hmrc
