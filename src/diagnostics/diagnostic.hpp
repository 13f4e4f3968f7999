// Diagnostics are data: a stable code, a severity, a byte span and a message.
// They become line:col and code frames only when rendered.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/codes.hpp"

namespace hmrc {

enum class Severity { error, warning };

struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
};

struct Diagnostic {
  std::string_view code;  // stable, documented in docs/diagnostics.md, e.g. "S001"
  Severity severity = Severity::error;
  Span span;
  std::string message;
  std::vector<std::string> notes;  // printed after the code frame
};

inline bool has_errors(const std::vector<Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics)
    if (d.severity == Severity::error) return true;
  return false;
}

}  // namespace hmrc
