// TypeScript's experimentalDecorators, as tsc emits them: after the class,
// `__decorate([...], A.prototype, "m", null)` per decorated member (instance
// members, then static ones, in source order), then `A = __decorate([...], A)`
// for class decorators and constructor parameter decorators (`__param(i, d)`);
// with emitDecoratorMetadata, `__metadata("design:type", ...)` entries
// (metadata.hpp). Decorator expressions are evaluated there, after the class,
// as in tsc's output: their text is moved behind the class's closing brace
// (EditBuffer::move), so a decorator written on one line moves no line; the
// class itself stays a declaration (its binding is assignable).
//
//   @Entity()                          (moved)
//   export class User {                export class User {
//     @Column() name: string;                    name        ;
//   }                                  }; __hmrc_decorate([Column(), __hmrc_metadata("design:type",
//   String)],
//                                         User.prototype, "name", void 0); User =
//                                         __hmrc_decorate([Entity()], User);
//
// Not compiled (TS003): decorated class expressions, an anonymous
// `export default` class with class decorators, #private members (tsc
// rejects them too), `accessor` members in a decorated class.
#pragma once

#include <string_view>
#include <vector>

#include "analysis/analysis.hpp"
#include "diagnostics/diagnostic.hpp"
#include "emit/edit_buffer.hpp"
#include "transform/typescript/options.hpp"

namespace hmrc::ts {
struct Facts;
}

namespace hmrc::decorators {

// Returns whether the output needs the helpers (helpers.hpp: legacy_helpers()).
bool lower_legacy(const std::vector<NodeInContext>& classes, std::string_view text,
                  const TsOptions& options, const ts::Facts* facts, EditBuffer& edits,
                  std::vector<Diagnostic>& diagnostics);

// Names that emitDecoratorMetadata will reference as values (`Svc` of
// `constructor(@Inject() svc: Svc)`): import elision must keep them.
std::vector<std::string_view> metadata_value_names(const std::vector<NodeInContext>& classes,
                                                   std::string_view text);

}  // namespace hmrc::decorators
