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

}  // namespace hmrc
