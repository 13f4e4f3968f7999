#include "decorators.hpp"

#include <algorithm>

#include "analysis/ts_syntax.hpp"
#include "class_fields.hpp"
#include "class_info.hpp"
#include "helpers.hpp"
#include "legacy.hpp"
#include "standard.hpp"

namespace hmrc {

void lower_decorators(TSNode program, const Analysis& analysis, std::string_view text,
                      const TsOptions& options, const ts::Facts* facts, EditBuffer& edits,
                      std::vector<Diagnostic>& diagnostics) {
  if (analysis.classes.empty()) return;
  // TypeScript only, as tsc and esbuild: JavaScript fields are always defined.
  if (facts && !options.use_define_for_class_fields) {
    decorators::assign_class_fields(analysis.classes, text, !options.experimental_decorators, edits,
                                    diagnostics);
  }
  // experimentalDecorators is TypeScript's: JavaScript files always get TC39
  // decorators, as with esbuild.
  if (options.experimental_decorators && facts) {
    if (decorators::lower_legacy(analysis.classes, text, options, facts, edits, diagnostics))
      decorators::insert_helpers(program, text, decorators::legacy_helpers(), edits);
    // `accessor` in classes without decorators is still lowered.
    std::vector<NodeInContext> plain;
    for (const NodeInContext& c : analysis.classes) {
      decorators::ClassInfo info = decorators::read_class(c, text);
      if (info.decorators.empty() && !info.any_member_decorators()) plain.push_back(c);
    }
    decorators::lower_standard(plain, text, edits, diagnostics);
    return;
  }
  if (decorators::lower_standard(analysis.classes, text, edits, diagnostics))
    decorators::insert_helpers(program, text, decorators::standard_helpers(), edits);
}

void keep_decorator_metadata_imports(const Analysis& analysis, std::string_view text,
                                     const TsOptions& options, ts::Facts& facts) {
  if (!options.experimental_decorators || !options.emit_decorator_metadata) return;
  for (std::string_view name : decorators::metadata_value_names(analysis.classes, text)) {
    auto it = std::find(facts.tracked.begin(), facts.tracked.end(), name);
    if (it == facts.tracked.end()) continue;
    facts.uses.push_back({static_cast<uint16_t>(it - facts.tracked.begin()), false, 0});
  }
}

}  // namespace hmrc
