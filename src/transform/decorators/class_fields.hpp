// useDefineForClassFields: false (tsc's default below ES2022, and what
// Angular projects set): public instance fields are assigned in the
// constructor, after `super(...)` and parameter properties, instead of being
// [[Define]]d; a field without initializer declares nothing. Lines stay: the
// initializer's text moves into the constructor (forward only), the field
// leaves a `;`.
//
//   class A extends B {                       class A extends B {
//     x: number;                                ;
//     y = this.svc.get();                       ;
//     constructor(private svc: S) { super(); }  constructor(        svc   ) { super(); this.svc =
//     svc; this.y = this.svc.get();}
//   }                                         }
//
// Not compiled (TS007): an initialized field written after the constructor
// (its text would have to move backwards). Kept as [[Define]] (as esbuild
// does for them too): static fields, #private fields, computed keys, fields
// with TC39 decorators.
#pragma once

#include <string_view>
#include <vector>

#include "analysis/analysis.hpp"
#include "diagnostics/diagnostic.hpp"
#include "emit/edit_buffer.hpp"

namespace hmrc::decorators {

// `skip_decorated`: leave fields with (TC39) decorators to standard.hpp.
void assign_class_fields(const std::vector<NodeInContext>& classes, std::string_view text,
                         bool skip_decorated, EditBuffer& edits,
                         std::vector<Diagnostic>& diagnostics);

}  // namespace hmrc::decorators
