#include "text.hpp"

#include <algorithm>
#include <cstring>

namespace hmrc {
namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Length of the valid UTF-8 sequence at text[i], or 0 if it is invalid
// (overlong forms, surrogates and code points above U+10FFFF included).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  auto at = [&](std::size_t k) -> unsigned char {
    return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0;
  };
  unsigned char c = at(0);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return is_continuation(at(1)) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return at(1) >= lo && at(1) <= hi && is_continuation(at(2)) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return at(1) >= lo && at(1) <= hi && is_continuation(at(2)) && is_continuation(at(3)) ? 4 : 0;
  }
  return 0;
}

}  // namespace

std::optional<TextProblem> check_text(std::string_view text) {
  if (text.size() > kMaxSourceBytes) {
    return TextProblem{TextProblem::Kind::too_large, static_cast<uint32_t>(kMaxSourceBytes)};
  }
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    // Fast path: eight ASCII bytes without NUL at a time.
    if (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      constexpr uint64_t kHigh = 0x8080808080808080ull, kOnes = 0x0101010101010101ull;
      bool has_zero = ((word - kOnes) & ~word & kHigh) != 0;
      if (!(word & kHigh) && !has_zero) {
        i += 8;
        continue;
      }
    }
    if (text[i] == '\0') return TextProblem{TextProblem::Kind::nul_byte, static_cast<uint32_t>(i)};
    std::size_t len = utf8_sequence_length(text, i);
    if (len == 0) return TextProblem{TextProblem::Kind::invalid_utf8, static_cast<uint32_t>(i)};
    i += len;
  }
  return std::nullopt;
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      starts_.push_back(static_cast<uint32_t>(i + 1));
    } else if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      starts_.push_back(static_cast<uint32_t>(i + 1));
    }
  }
}

Position LineIndex::position(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  uint32_t line = static_cast<uint32_t>(it - starts_.begin());
  uint32_t start = starts_[line - 1];
  return {line, 1 + count_code_points(text_.substr(start, offset - start))};
}

std::string_view LineIndex::line_text(uint32_t line) const {
  uint32_t start = starts_[line - 1];
  uint32_t end = line < starts_.size() ? starts_[line] : static_cast<uint32_t>(text_.size());
  std::string_view s = text_.substr(start, end - start);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

uint32_t count_code_points(std::string_view text) {
  uint32_t n = 0;
  for (char c : text) n += !is_continuation(static_cast<unsigned char>(c));
  return n;
}

uint32_t count_utf16_units(std::string_view text) {
  uint32_t n = 0;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    // One unit per code point, two for those above the BMP (4-byte sequences).
    n += !is_continuation(c) + (c >= 0xF0);
  }
  return n;
}

}  // namespace hmrc
