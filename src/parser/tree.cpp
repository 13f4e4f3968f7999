#include "tree.hpp"

namespace hmrc {

Tree Parser::parse(std::string_view text, const TSLanguage* language, const Tree* previous) {
  if (!ts_parser_set_language(parser_.get(), language)) return Tree();
  return Tree(ts_parser_parse_string(parser_.get(), previous ? previous->get() : nullptr,
                                     text.data(), static_cast<uint32_t>(text.size())));
}

}  // namespace hmrc
