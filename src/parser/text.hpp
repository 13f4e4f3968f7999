// Source text checks and positions. Offsets are bytes (uint32_t, as tree-sitter
// uses); positions are what an editor shows: 1-based line and column, the
// column counted in Unicode code points (a tab is one column).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace hmrc {

// Larger inputs cannot be addressed by tree-sitter's 32-bit offsets safely.
inline constexpr std::size_t kMaxSourceBytes = 512u << 20;

struct TextProblem {
  enum class Kind { nul_byte, invalid_utf8, too_large } kind;
  uint32_t offset;
};

// The first NUL byte or invalid UTF-8 sequence, if any.
std::optional<TextProblem> check_text(std::string_view text);

struct Position {
  uint32_t line;    // 1-based
  uint32_t column;  // 1-based, code points
};

// Line starts of a text. Line breaks are \n, \r\n and \r, as in editors.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  Position position(uint32_t offset) const;
  uint32_t line_count() const { return static_cast<uint32_t>(starts_.size()); }
  // Text of a 1-based line, without its line break.
  std::string_view line_text(uint32_t line) const;
  uint32_t line_start(uint32_t line) const { return starts_[line - 1]; }

 private:
  std::string_view text_;
  std::vector<uint32_t> starts_;
};

// Code points in text; each of them is one column.
uint32_t count_code_points(std::string_view text);
// UTF-16 code units in text, as source maps count columns.
uint32_t count_utf16_units(std::string_view text);

}  // namespace hmrc
