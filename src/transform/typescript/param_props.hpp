// TypeScript to JavaScript, part 4: parameter properties, with the class
// field semantics of esbuild for target esnext (useDefineForClassFields):
// each becomes a field declared before the other fields, assigned in the
// constructor right after `super(...)` (or first, without a superclass).
//
//   class A extends B {                     class A extends B {p;
//     a = 1;                                  a = 1;
//     constructor(public p: number) {         constructor(       p        ) {
//       super();                                super(); this.p = p;
//     }                                       }
//   }                                       }
#pragma once

#include "analysis/ts_syntax.hpp"
#include "transform/typescript/edits.hpp"

namespace hmrc {

void compile_parameter_properties(
    const ts::Facts& facts, const ts::Syntax& syntax, TsEdits& edits,
    bool declare_fields = true);  // false: useDefineForClassFields off

}  // namespace hmrc
