#include "edit_buffer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace hmrc {

void EditBuffer::add(uint32_t start, uint32_t end, Kind kind, std::string text) {
  if (start > end || end > original_.size()) {
    throw OverlappingEdits(
        fmt::format("edit [{}, {}) is outside the text ({} bytes)", start, end, original_.size()));
  }
  edits_.push_back({start, end, kind, static_cast<uint32_t>(edits_.size()), std::move(text)});
}

void EditBuffer::replace(uint32_t start, uint32_t end, std::string text) {
  add(start, end, Kind::replace, std::move(text));
}
void EditBuffer::insert_left(uint32_t pos, std::string text) {
  add(pos, pos, Kind::insert_left, std::move(text));
}
void EditBuffer::insert_right(uint32_t pos, std::string text) {
  add(pos, pos, Kind::insert_right, std::move(text));
}

std::vector<std::pair<uint32_t, uint32_t>> EditBuffer::replaced_ranges() const {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (const Edit& e : edits_)
    if (e.kind == Kind::replace) out.emplace_back(e.start, e.end);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<Piece> EditBuffer::pieces() {
  std::sort(edits_.begin(), edits_.end(), [](const Edit& a, const Edit& b) {
    return std::tie(a.start, a.kind, a.order) < std::tie(b.start, b.kind, b.order);
  });
  std::vector<Piece> out;
  out.reserve(edits_.size() * 2 + 1);
  uint32_t cursor = 0;  // everything before it is emitted or replaced
  const Edit* covering = nullptr;
  for (const Edit& e : edits_) {
    if (e.start < cursor) {
      throw OverlappingEdits(fmt::format("edit [{}, {}) overlaps the replacement of [{}, {})",
                                         e.start, e.end, covering ? covering->start : 0,
                                         covering ? covering->end : 0));
    }
    if (e.start > cursor) out.push_back({cursor, e.start, {}, true});
    if (!e.text.empty()) out.push_back({e.start, e.end, e.text, false});
    if (e.kind == Kind::replace) {
      cursor = e.end;
      covering = &e;
    } else {
      cursor = e.start;
    }
  }
  if (cursor < original_.size()) {
    out.push_back({cursor, static_cast<uint32_t>(original_.size()), {}, true});
  }
  return out;
}

std::string EditBuffer::join(const std::vector<Piece>& pieces, std::string_view original) {
  std::size_t size = 0;
  for (const Piece& p : pieces) size += p.original ? p.end - p.start : p.text.size();
  std::string out;
  out.reserve(size);
  for (const Piece& p : pieces) {
    if (p.original) {
      out.append(original.substr(p.start, p.end - p.start));
    } else {
      out.append(p.text);
    }
  }
  return out;
}

}  // namespace hmrc
