// Turns diagnostics into gcc-style text with a code frame, or into JSON.
#pragma once

#include <boost/json/array.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "parser/text.hpp"

namespace hmrc {

// The text a diagnostic is about: its display name, contents and line index.
struct SourceFile {
  std::string_view name;
  std::string_view text;
  const LineIndex& lines;
};

// `name:line:col: error: message [code]`, then the line with a caret under the
// span, then notes. `color` adds ANSI colours through fmt.
std::string render_text(const Diagnostic& diagnostic, const SourceFile& file, bool color);

// One JSON object per diagnostic, with 1-based line/column and byte offsets.
void append_json(boost::json::array& out, const std::vector<Diagnostic>& diagnostics,
                 const SourceFile& file);

}  // namespace hmrc
