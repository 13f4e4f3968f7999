// TypeScript to JavaScript, part 3: enums, compiled as tsc compiles them.
// Members are folded to constants where tsc folds them (numbers, strings,
// arithmetic, other members); anything else keeps its original text, with
// references to members rewritten to `E.member`. `const enum` is compiled
// like `enum` (as esbuild does with isolated modules), so uses of it work.
// Declarations of one enum in one statement list merge: only the first
// declares the variable: `var` at the top level, `let` in a function or
// block (as esbuild and tsc emit).
//
//   input:  enum E { A, B = "b", C = A + 2, D = f(C) }
//   output (one line, wrapped here):
//     var E; (function (E) { E[E["A"] = 0] = "A"; E["B"] = "b"; E[E["C"] = 2] = "C";
//     E[E["D"] = f(E.C)] = "D"; })(E || (E = {}));
//
// Each member stays on its line; only the first and last line of the
// declaration change shape.
#pragma once

#include "analysis/ts_syntax.hpp"
#include "transform/typescript/edits.hpp"

namespace hmrc {

void compile_enums(const ts::Facts& facts, const ts::Syntax& syntax, TsEdits& edits);

}  // namespace hmrc
