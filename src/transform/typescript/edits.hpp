// How the TypeScript passes write to the shared EditBuffer. They run after
// the hot passes and step around what those already replaced: a hot edit
// always covers a whole expression or statement (`(import.meta.hot as any)`
// inside a removed statement, `import.meta.hot!.data` folded to `{}`), so
// the type syntax inside it is gone with it. Type syntax that merely
// surrounds a hot edit (` as any` after `__hmrc_hot`) is blanked as usual.
//
// Blanking keeps every line break and puts one space per UTF-16 unit, so
// lines and columns after it do not move and the source map stays close to
// the identity.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emit/edit_buffer.hpp"

namespace hmrc {

namespace ts {
// Whether removing a statement at `pos` needs a `;` in its first column: the
// code before it does not end with `;` or `{`, and without one the line after
// could continue the statement before (`a\n type T = 1\n (b)`).
inline bool needs_semicolon_before(std::string_view t, uint32_t pos) {
  while (pos > 0 &&
         (t[pos - 1] == ' ' || t[pos - 1] == '\t' || t[pos - 1] == '\n' || t[pos - 1] == '\r'))
    --pos;
  if (pos == 0) return false;
  return t[pos - 1] != ';' && t[pos - 1] != '{';
}
}  // namespace ts

class TsEdits {
 public:
  TsEdits(EditBuffer& buffer) : buffer_(buffer), taken_(buffer.replaced_ranges()) {}

  std::string_view text() const { return buffer_.original(); }

  // Replaces [start, end) by spaces, keeping line breaks; `first` (if not 0)
  // takes the place of the first blanked character.
  void blank(uint32_t start, uint32_t end, char first = 0) {
    uint32_t at = start;
    for (auto it = first_after(start); at < end; ++it) {
      uint32_t stop = it == taken_.end() ? end : std::min(end, it->first);
      if (at < stop) {
        buffer_.replace(at, stop, blanked(at, stop, at == start ? first : 0));
        blanked_.emplace_back(at, stop);
        sorted_ = false;
      }
      if (it == taken_.end()) break;
      at = std::max(at, it->second);
    }
  }
  // Removes a whole statement or class member, with a `;` in its first
  // column where ts::needs_semicolon_before says so.
  void remove_statement(uint32_t start, uint32_t end) {
    blank(start, end, needs_semicolon_before(start) ? ';' : 0);
  }
  bool needs_semicolon_before(uint32_t pos) const {
    return ts::needs_semicolon_before(buffer_.original(), pos);
  }

  // Whether [start, end) was blanked whole (an elided import's specifier).
  bool was_blanked(uint32_t start, uint32_t end) {
    if (!sorted_) {
      std::sort(blanked_.begin(), blanked_.end());
      sorted_ = true;
    }
    auto it = std::upper_bound(blanked_.begin(), blanked_.end(), std::make_pair(start, ~0u));
    return it != blanked_.begin() && (it - 1)->second >= end;
  }

  void replace(uint32_t start, uint32_t end, std::string text) {
    if (free(start, end)) buffer_.replace(start, end, std::move(text));
  }
  void insert_left(uint32_t pos, std::string text) {
    if (free(pos, pos)) buffer_.insert_left(pos, std::move(text));
  }
  void insert_right(uint32_t pos, std::string text) {
    if (free(pos, pos)) buffer_.insert_right(pos, std::move(text));
  }

 private:
  using Ranges = std::vector<std::pair<uint32_t, uint32_t>>;
  // The first taken range that ends after `pos`.
  Ranges::const_iterator first_after(uint32_t pos) const {
    return std::upper_bound(taken_.begin(), taken_.end(), pos,
                            [](uint32_t p, const auto& r) { return p < r.second; });
  }
  // An insertion at a range's edge is fine; anything inside it is not.
  bool free(uint32_t start, uint32_t end) const {
    auto it = first_after(start);
    if (it == taken_.end()) return true;
    if (start == end) return !(it->first < start);
    return end <= it->first;
  }
  std::string blanked(uint32_t start, uint32_t end, char first) const {
    std::string_view t = buffer_.original();
    std::string out;
    out.reserve(end - start);
    for (uint32_t i = start; i < end; ++i) {
      auto c = static_cast<unsigned char>(t[i]);
      if (c == '\n' || c == '\r') {
        out += static_cast<char>(c);
      } else if (c == 0xE2 && i + 2 < end && static_cast<unsigned char>(t[i + 1]) == 0x80 &&
                 (static_cast<unsigned char>(t[i + 2]) & 0xFE) == 0xA8) {
        out.append(t.substr(i, 3));  // U+2028/U+2029 end lines in JavaScript
        i += 2;
      } else if ((c & 0xC0) == 0x80) {
        // continuation byte: its code point already has its space
      } else {
        out += c >= 0xF0 ? "  " : " ";  // astral code points are two UTF-16 units
      }
    }
    if (first && !out.empty()) out[0] = first;
    return out;
  }

  EditBuffer& buffer_;
  Ranges taken_;
  Ranges blanked_;
  bool sorted_ = false;
};

// The edits of typescript/erase, which runs inside the one walk (analysis.hpp),
// before the hot passes have made theirs: kept in call order and replayed
// on TsEdits after them, so that they step around the hot edits as if made
// then.
class TsEditLog {
 public:
  explicit TsEditLog(std::string_view text) : text_(text) {}

  std::string_view text() const { return text_; }
  void blank(uint32_t start, uint32_t end, char first = 0) {
    ops_.push_back({Op::blank, start, end, first, {}});
  }
  void remove_statement(uint32_t start, uint32_t end) {
    blank(start, end, needs_semicolon_before(start) ? ';' : 0);
  }
  bool needs_semicolon_before(uint32_t pos) const { return ts::needs_semicolon_before(text_, pos); }
  void replace(uint32_t start, uint32_t end, std::string text) {
    ops_.push_back({Op::replace, start, end, 0, std::move(text)});
  }
  void insert_left(uint32_t pos, std::string text) {
    ops_.push_back({Op::insert_left, pos, pos, 0, std::move(text)});
  }

  void replay(TsEdits& edits) {
    for (Edit& e : ops_) {
      switch (e.op) {
        case Op::blank:
          edits.blank(e.start, e.end, e.first);
          break;
        case Op::replace:
          edits.replace(e.start, e.end, std::move(e.text));
          break;
        case Op::insert_left:
          edits.insert_left(e.start, std::move(e.text));
          break;
      }
    }
    ops_.clear();
  }

 private:
  enum class Op : uint8_t { blank, replace, insert_left };
  struct Edit {
    Op op;
    uint32_t start, end;
    char first;
    std::string text;
  };
  std::string_view text_;
  std::vector<Edit> ops_;
};

}  // namespace hmrc
