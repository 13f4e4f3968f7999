#include "decorators.hpp"

#include "helpers.hpp"
#include "standard.hpp"

namespace hmrc {

void lower_decorators(TSNode program, const Analysis& analysis, std::string_view text,
                      const TsOptions& options, EditBuffer& edits,
                      std::vector<Diagnostic>& diagnostics) {
  (void)options;
  if (analysis.classes.empty()) return;
  if (decorators::lower_standard(analysis.classes, text, edits, diagnostics))
    decorators::insert_helpers(program, text, decorators::standard_helpers(), edits);
}

}  // namespace hmrc
