// Valid TypeScript that tree-sitter-typescript 0.23.2 cannot parse, made
// parseable without changing its meaning. Runs only when the first parse
// has errors. Each repair changes bytes inside syntax that is erased anyway,
// in a copy of the same length, so every position stays valid and the
// original text is what the passes read and edit:
//
//   interface S<in out T> {}          interface S<      T> {}      (variance)
//   type F = {                        type F = {
//     <T>(a: T): T                      <T>(a: T): T
//     <U>(b: U): U                     ;<U>(b: U): U              (call signatures)
//   }                                 }
//   export type * from "./m";         (blank; the statement must go from the output too)
//
// Two shapes parse without an ERROR but wrongly, so the copy is made for
// them even when the first parse has no errors (the one walk in analysis.cpp
// flags the trees that may hold them; only those are repaired):
//
//   x as A.B.C   read as (x as A.B).C  x as A_B_C   (one type name)
//   class A extends B<T> { m() {} }   class A extends B    { m() {} }
//   { f(); }     read as extends (B < T) > {m(){}} with the block as body
//                                    (blank; the type arguments must go from the output too)
//
// The copy is parsed again (incrementally, compile.cpp); whatever errors
// remain are reported as usual.
#pragma once

#include <tree_sitter/api.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.hpp"

namespace hmrc {

struct TsRepair {
  std::string text;                      // same length as the original
  std::vector<Span> removed_statements;  // to be removed from the output as well
  std::vector<Span> removed_types;  // type syntax the copy no longer has: blanked in the output
};

std::optional<TsRepair> repair_typescript(TSNode root, std::string_view text);

}  // namespace hmrc
