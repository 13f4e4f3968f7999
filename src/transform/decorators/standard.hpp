// TC39 (TypeScript 5) decorators, lowered for engines without them (Node 20,
// current browsers), and `accessor` fields, which they lack too. Every line
// stays where it was: decorators are evaluated where they are written, in the
// computed key of a dummy static method (deleted before anyone sees it), so
// they run in source order with the class's own computed keys; one static
// block at the start of the body applies them, with access to #private names.
//
//   @log class A {                     let __hmrc_c0 = __hmrc_ds(); __hmrc_c0.cd = [log]; let A; A
//   = class {static {...apply...}
//     @bound m() {}                      ;static [__hmrc_dd(__hmrc_c0, [bound])](){} m() {}
//     @tracked accessor n = 1;           get n() { return this.#__hmrc_a1; } set n(v) {...}
//     #__hmrc_a1 = __hmrc_dfi(__hmrc_c0, 1, this, 1);...
//   }                                  ;static { __hmrc_drun(__hmrc_c0.c, A); }}; A = __hmrc_c0.r;
//
// The run-time helpers (helpers.js) go on the first line (decorators/helpers.hpp).
// A class expression gets its state as the parameter of an arrow function
// called in place: `((S) => class {...})(__hmrc_ds())`.
// Not compiled (TS003 names the form): class decorators on an anonymous
// `export default class`, parameter decorators.
#pragma once

#include <string_view>
#include <vector>

#include "analysis/analysis.hpp"
#include "diagnostics/diagnostic.hpp"
#include "emit/edit_buffer.hpp"

namespace hmrc::decorators {

// Returns whether the output needs the helpers.
bool lower_standard(const std::vector<NodeInContext>& classes, std::string_view text,
                    EditBuffer& edits, std::vector<Diagnostic>& diagnostics);

}  // namespace hmrc::decorators
