// TypeScript to JavaScript, part 1: blank out the syntax that only types.
// It rides along the one walk over the tree (analysis.hpp, as its
// WalkVisitor) and skips the subtrees of types; it also gathers, for the
// passes that follow (typescript/imports, typescript/enum, typescript/namespace,
// typescript/param_props), the imports, enums and scope-aware uses of imported names, so that
// nothing walks the tree again. The walk comes before the hot passes have edited, so its edits are
// logged and replayed after them (TsEditLog).
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

#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/analysis.hpp"
#include "analysis/ts_syntax.hpp"
#include "diagnostics/diagnostic.hpp"
#include "transform/typescript/edits.hpp"

namespace hmrc {

namespace detail {
class EraseWalker;
}

namespace ts {
// The ranges that drop the listed specifiers of `{ a, b }` (drop[i] for the
// i-th one of kind spec_kind) with the commas after them; what is left stays
// valid.
std::vector<std::pair<uint32_t, uint32_t>> specifier_blanks(TSNode list,
                                                            const std::vector<bool>& drop,
                                                            K spec_kind, const Syntax& syn);
}  // namespace ts

void blank_specifiers(TSNode list, const std::vector<bool>& drop, ts::K spec_kind,
                      const ts::Syntax& syn, TsEdits& edits);

// Pass it to analyze() as AnalyzeOptions::visitor; after the walk, replay
// edits() on the TsEdits of the EditBuffer the hot passes wrote to.
class TsErase final : public WalkVisitor {
 public:
  TsErase(TSNode root, std::string_view text);
  ~TsErase() override;
  TsErase(const TsErase&) = delete;
  TsErase& operator=(const TsErase&) = delete;

  bool enter(TSNode node, const TSTreeCursor* cursor) override;
  void leave() override;

  TsEditLog& edits();
  std::vector<Diagnostic>& diagnostics();
  ts::Facts& facts();

 private:
  std::unique_ptr<detail::EraseWalker> walker_;
};

}  // namespace hmrc
