// Edits on the untouched original text, as in magic-string. Passes add
// edits; nothing is printed until the end, when the buffer yields the output
// as pieces: ranges of the original and inserted texts, in output order.
//
//   original: `let a: T = 1;`   remove(5, 8), insert_left(13, "//x")
//   output:   `let a = 1;//x`
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hmrc {

// Two edits touch the same bytes. It is a bug in a pass, never the user's,
// and never resolved silently.
class OverlappingEdits : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

struct Piece {
  uint32_t start;  // original: the range [start, end); inserted: its anchor
  uint32_t end;
  std::string_view text;  // inserted text; empty for original ranges
  bool original;
};

class EditBuffer {
 public:
  explicit EditBuffer(std::string_view original) : original_(original) {}

  void replace(uint32_t start, uint32_t end, std::string text);
  void remove(uint32_t start, uint32_t end) { replace(start, end, {}); }
  // Stays with the text before `pos`: kept when the range ending at pos is replaced.
  void insert_left(uint32_t pos, std::string text);
  // Stays with the text after `pos`: kept when the range starting at pos is replaced.
  void insert_right(uint32_t pos, std::string text);
  // Emits [start, end), with every edit inside it, at `to` (> end) instead, as
  // an insert_left there in call order. Edits inside stay legal: JSX moves a
  // `key={expr}` value behind the props while other passes edit `expr`.
  // Insertions at `start` (right) and at `end` (left) move with the range.
  void move(uint32_t start, uint32_t end, uint32_t to);

  std::string_view original() const { return original_; }
  bool unchanged() const { return edits_.empty(); }
  // The ranges replaced so far, sorted by start; later passes step around them.
  std::vector<std::pair<uint32_t, uint32_t>> replaced_ranges() const;

  // Throws OverlappingEdits.
  std::vector<Piece> pieces();
  static std::string join(const std::vector<Piece>& pieces, std::string_view original);

 private:
  // At one offset: what stays before (move anchors included, in call order),
  // the start of a moved range, what comes after, then replacements.
  enum class Kind : uint8_t { insert_left, move_from, insert_right, replace };
  struct Edit {
    uint32_t start, end;
    Kind kind;
    uint32_t order;  // keeps insertions at one point in call order
    std::string text;
    uint32_t move_id = 0;  // move_from, and insert_left anchors
    bool anchor = false;
  };
  void add(uint32_t start, uint32_t end, Kind kind, std::string text);

  std::string_view original_;
  std::vector<Edit> edits_;
  uint32_t moves_ = 0;
};

}  // namespace hmrc
