// TypeScript to JavaScript, part 2: import and export elision, as tsc and
// esbuild do without verbatimModuleSyntax. A name an import binds is kept
// only if some value reference resolves to it (a local declaration of the
// same name in between shadows it); types were never walked, so uses in
// types do not count.
//
//   import { A, type B, C } from "./m";      import { A,                } from "./m";
//   import D from "./d";                     (removed: D is used only as a type)
//   import "./side-effect";                  import "./side-effect";
//   interface T {}                           ;
//   export { A, T };                         export { A,   };
//   let x: D = A;                            let x    = A;
//   function f(C) { return C; }              function f(C) { return C; }
#pragma once

#include "analysis/ts_syntax.hpp"
#include "transform/typescript/edits.hpp"
#include "transform/typescript/options.hpp"

namespace hmrc {

// `options`: verbatimModuleSyntax and friends (ts_options.hpp) keep more.
void elide_imports(const ts::Facts& facts, const ts::Syntax& syntax, TsEdits& edits,
                   const TsOptions& options = {});

}  // namespace hmrc
