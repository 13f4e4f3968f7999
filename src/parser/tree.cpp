#include "tree.hpp"

#include <algorithm>
#include <cstring>

namespace hmrc {
namespace {

// Where byte `offset` of `text` is, counting from `from` at `from_offset`.
TSPoint advance(std::string_view text, uint32_t from_offset, TSPoint from, uint32_t offset) {
  TSPoint point = from;
  const char* p = text.data() + from_offset;
  const char* end = text.data() + offset;
  const char* line_start = nullptr;
  while (p < end) {
    const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (!nl) break;
    ++point.row;
    p = static_cast<const char*>(nl) + 1;
    line_start = p;
  }
  point.column =
      line_start ? static_cast<uint32_t>(end - line_start) : from.column + (offset - from_offset);
  return point;
}

}  // namespace

TSInputEdit edit_between(std::string_view before, std::string_view after) {
  std::size_t limit = std::min(before.size(), after.size());
  std::size_t prefix = 0;
  while (prefix < limit && before[prefix] == after[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < limit - prefix &&
         before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix])
    ++suffix;
  TSInputEdit edit{};
  edit.start_byte = static_cast<uint32_t>(prefix);
  edit.old_end_byte = static_cast<uint32_t>(before.size() - suffix);
  edit.new_end_byte = static_cast<uint32_t>(after.size() - suffix);
  edit.start_point = advance(before, 0, {0, 0}, edit.start_byte);
  edit.old_end_point = advance(before, edit.start_byte, edit.start_point, edit.old_end_byte);
  edit.new_end_point = advance(after, edit.start_byte, edit.start_point, edit.new_end_byte);
  return edit;
}

Tree Parser::parse(std::string_view text, const TSLanguage* language, const Tree* previous) {
  // A TSParser per parse, in the tree's arena: its stacks and caches then
  // cost nothing to free either.
  ts_alloc::ArenaRef arena = ts_alloc::make_arena();
  if (previous && previous->arena()) ts_alloc::keep_alive(*arena, previous->arena());
  ts_alloc::ArenaScope scope(arena.get());
  TSParser* parser = ts_parser_new();
  TSTree* tree = nullptr;
  if (ts_parser_set_language(parser, language)) {
    tree = ts_parser_parse_string(parser, previous ? previous->get() : nullptr, text.data(),
                                  static_cast<uint32_t>(text.size()));
  }
  ts_parser_delete(parser);
  if (!tree) return Tree();
  return Tree(tree, std::move(arena));
}

void edit_same_length(Tree& tree, std::string_view before, std::string_view after) {
  if (!tree || before.size() != after.size()) return;
  // Nodes the edit copies belong with the tree's own.
  ts_alloc::ArenaScope scope(tree.arena().get());
  TSPoint point{0, 0};  // of `at`, in `after` (the edits before it are applied)
  uint32_t at = 0;
  auto advance = [](TSPoint p, std::string_view text) {
    for (char c : text) {
      if (c == '\n') {
        ++p.row;
        p.column = 0;
      } else {
        ++p.column;
      }
    }
    return p;
  };
  auto size = static_cast<uint32_t>(before.size());
  for (uint32_t i = 0; i < size;) {
    if (before[i] == after[i]) {
      ++i;
      continue;
    }
    uint32_t end = i;
    while (end < size && before[end] != after[end]) ++end;
    point = advance(point, after.substr(at, i - at));
    at = i;
    TSInputEdit edit{i,
                     end,
                     end,
                     point,
                     advance(point, before.substr(i, end - i)),
                     advance(point, after.substr(i, end - i))};
    ts_tree_edit(tree.get(), &edit);
    i = end;
  }
}

Tree Parser::reparse(std::string_view text, const TSLanguage* language, const Tree& previous,
                     std::string_view previous_text) {
  TSInputEdit edit = edit_between(previous_text, text);
  ts_alloc::ArenaRef arena = ts_alloc::make_arena();
  if (previous.arena()) ts_alloc::keep_alive(*arena, previous.arena());
  ts_alloc::ArenaScope scope(arena.get());
  // ts_tree_edit rewrites the nodes on the edited path in place unless they
  // are shared: the copy shares the root, so every node it touches is
  // cloned (into this arena) and `previous` is left as it was.
  TSTree* edited = ts_tree_copy(previous.get());
  ts_tree_edit(edited, &edit);
  TSParser* parser = ts_parser_new();
  TSTree* tree = nullptr;
  if (ts_parser_set_language(parser, language)) {
    tree = ts_parser_parse_string(parser, edited, text.data(), static_cast<uint32_t>(text.size()));
  }
  ts_parser_delete(parser);
  // `edited` is arena memory like the rest: it goes with the arena.
  if (!tree) return Tree();
  return Tree(tree, std::move(arena), previous.generation() + 1);
}

}  // namespace hmrc
