// TypeScript to JavaScript, part 5: namespaces with values, compiled as tsc
// compiles them: a function called with the namespace object, exports
// becoming its properties. Merged declarations in one statement list share
// the object; nested ones hang off their parent.
//
//   namespace N {                        var N; (function (N) {
//     export const a = 1;                  const a = N.a = 1;
//     export function f() { return a; }    function f() { return a; } N.f = f;
//     export namespace I { ... }           let I; (function (I) { ... })(I = N.I || (N.I = {}));
//   }                                    })(N || (N = {}));
//
// An exported `const` stays a local too (`const a = N.a = 1`), so plain
// references inside the block need no rewriting: it can never change.
// What would need references rewritten is reported instead (TS004):
// exported `let`/`var` and destructuring, exported enums and import aliases,
// and a merged block after one that exported names.
#pragma once

#include <vector>

#include "analysis/ts_syntax.hpp"
#include "diagnostics/diagnostic.hpp"
#include "transform/typescript/edits.hpp"

namespace hmrc {

void compile_namespaces(const ts::Facts& facts, const ts::Syntax& syntax, TsEdits& edits,
                        std::vector<Diagnostic>& diagnostics);

}  // namespace hmrc
