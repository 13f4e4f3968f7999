#include "emit/edit_buffer.hpp"

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

void EditBuffer::move(uint32_t start, uint32_t end, uint32_t to) {
  if (to <= end) {
    throw OverlappingEdits(
        fmt::format("move of [{}, {}) to {}: only forward moves", start, end, to));
  }
  add(start, end, Kind::move_from, {});
  edits_.back().move_id = moves_;
  add(to, to, Kind::insert_left, {});
  edits_.back().move_id = moves_++;
  edits_.back().anchor = true;
}

std::vector<Piece> EditBuffer::pieces() {
  // Stable on (start, kind) keeps call order; passes add edits in runs that
  // are already sorted, which a merge sort exploits (introsort degraded to
  // heapsort on JSX-heavy files).
  std::stable_sort(edits_.begin(), edits_.end(), [](const Edit& a, const Edit& b) {
    return std::tie(a.start, a.kind) < std::tie(b.start, b.kind);
  });
  std::vector<Piece> out;
  out.reserve(edits_.size() * 2 + 1);
  uint32_t cursor = 0;  // everything before it is emitted or replaced
  const Edit* covering = nullptr;

  // Moved ranges being collected (innermost last), and those collected.
  struct Moving {
    uint32_t id, end;
    std::vector<Piece> pieces;
  };
  std::vector<Moving> moving;
  std::vector<std::vector<Piece>> moved(moves_);
  std::vector<Piece>* sink = &out;
  auto close_moves_before = [&](const Edit* e) {
    while (!moving.empty()) {
      Moving& m = moving.back();
      // Insertions at the end (left) still belong to the moved range.
      if (e && (e->start < m.end || (e->start == m.end && e->kind == Kind::insert_left))) return;
      if (cursor > m.end) {
        throw OverlappingEdits(
            fmt::format("an edit crosses the end of the range moved from {}", m.end));
      }
      if (m.end > cursor) sink->push_back({cursor, m.end, {}, true});
      cursor = m.end;
      moved[m.id] = std::move(m.pieces);
      moving.pop_back();
      sink = moving.empty() ? &out : &moving.back().pieces;
    }
  };

  for (const Edit& e : edits_) {
    close_moves_before(&e);
    if (e.start < cursor) {
      throw OverlappingEdits(fmt::format("edit [{}, {}) overlaps the replacement of [{}, {})",
                                         e.start, e.end, covering ? covering->start : 0,
                                         covering ? covering->end : 0));
    }
    if (e.start > cursor) sink->push_back({cursor, e.start, {}, true});
    cursor = e.start;
    switch (e.kind) {
      case Kind::move_from:
        moving.push_back({e.move_id, e.end, {}});
        sink = &moving.back().pieces;
        break;
      default:
        if (e.anchor) {
          sink->insert(sink->end(), moved[e.move_id].begin(), moved[e.move_id].end());
          break;
        }
        if (!e.text.empty()) sink->push_back({e.start, e.end, e.text, false});
        if (e.kind == Kind::replace) {
          cursor = e.end;
          covering = &e;
        }
    }
  }
  close_moves_before(nullptr);
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
