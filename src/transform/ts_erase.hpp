// TypeScript to JavaScript, part 1: blank out the syntax that only types.
// The one walk over a TypeScript tree; it also gathers, for the passes that
// follow (ts_imports, ts_enum), the imports, enums and scope-aware uses of
// imported names, so that nothing walks the tree again.
//
//   input                                      output (same lines and columns)
//   let x: number = f<T>(y as any)!;           let x         = f   (y       ) ;
//   interface I { a: string }                  ;
//   class A<T> implements I {                  class A    ... {
//     private readonly a?: T;                                   a   ;
//     declare b: string;                                            (gone)
//   }
//   const g = <T,>                             const g = (
//     (x: T) => x;                                x    ) => x;
//
// Where blanking alone would change how the rest parses (the ASI hazards of
// ts-blank-space), the walk emits `;`, or moves `(`/`)` onto the line that
// keeps an arrow function together; see docs/typescript.md.
#pragma once

#include <tree_sitter/api.h>

#include <vector>

#include "parser/diagnostic.hpp"
#include "ts_edits.hpp"
#include "ts_syntax.hpp"

namespace hmrc {

// Blanks the listed specifiers of `{ a, b }` (drop[i] for the i-th one of
// kind spec_kind) with the commas after them; what is left stays valid.
void blank_specifiers(TSNode list, const std::vector<bool>& drop, ts::K spec_kind,
                      const ts::Syntax& syn, TsEdits& edits);

ts::Facts erase_typescript(TSNode root, TsEdits& edits, std::vector<Diagnostic>& diagnostics);

}  // namespace hmrc
