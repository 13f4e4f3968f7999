#include "tree.hpp"

namespace hmrc {

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

}  // namespace hmrc
