// Diagnostics are data: a stable code, a severity, a byte span and a message.
// They become line:col and code frames only when rendered.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

// Codes of the diagnostics the front end itself reports.
namespace codes {
inline constexpr std::string_view kUnexpectedSyntax = "S001";
inline constexpr std::string_view kMissingToken = "S002";
inline constexpr std::string_view kTooManyErrors = "S003";
inline constexpr std::string_view kNulByte = "I001";
inline constexpr std::string_view kInvalidUtf8 = "I002";
inline constexpr std::string_view kInputTooLarge = "I003";
inline constexpr std::string_view kTsImportRequire = "TS001";
inline constexpr std::string_view kTsExportAssignment = "TS002";
inline constexpr std::string_view kTsDecorator = "TS003";
inline constexpr std::string_view kTsNamespaceValues = "TS004";
inline constexpr std::string_view kTsUnreadableTypeArguments = "TS005";
inline constexpr std::string_view kTsUnreadableQualifiedType = "TS006";
inline constexpr std::string_view kTsFieldNotAssignable = "TS007";
inline constexpr std::string_view kTsConfigSyntax = "TSC001";
inline constexpr std::string_view kTsConfigExtends = "TSC002";
inline constexpr std::string_view kTsConfigValue = "TSC003";
}  // namespace codes

}  // namespace hmrc
