#include "parser/recovery/jsx_ampersands.hpp"

#include <vector>

namespace hmrc {
namespace {

bool is(TSNode n, const char* type) {
  return !ts_node_is_null(n) && std::string_view(ts_node_type(n)) == type;
}

bool jsx_neighbour(TSNode n) {
  if (ts_node_is_null(n)) return false;
  std::string_view t = ts_node_type(n);
  return t == "jsx_text" || t == "html_character_reference" || t == "jsx_opening_element" ||
         t == "jsx_element" || t == "jsx_self_closing_element" || t == "jsx_expression" ||
         t == "string_fragment";
}

// Marks the `&` leaves that stand where JSX text or a JSX string goes; only
// subtrees with errors are visited.
bool mask(TSNode root, std::string& text) {
  bool masked = false;
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  std::vector<TSNode> ancestors;
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&cursor);
    bool descend = ts_node_has_error(n) && ts_node_child_count(n) > 0;
    if (!descend && !ts_node_is_named(n) && !ancestors.empty() && is(ancestors.back(), "ERROR") &&
        (is(n, "&") || is(n, "&&") || is(n, "&=") || is(n, "&&="))) {
      TSNode grandparent = ancestors.size() > 1 ? ancestors[ancestors.size() - 2] : TSNode{};
      bool in_jsx = jsx_neighbour(ts_node_prev_sibling(n)) || is(grandparent, "string") ||
                    is(grandparent, "jsx_element") || is(grandparent, "jsx_attribute");
      uint32_t at = ts_node_start_byte(n);
      // A reference the grammar reads is never a bare `&` token; one it
      // cannot (`&#123456;`) is decoded by the JSX pass from the original.
      if (in_jsx) {
        for (uint32_t i = at; i < ts_node_end_byte(n); ++i) {
          if (text[i] == '&') text[i] = ' ';
        }
        masked = true;
      }
    }
    if (descend && ts_tree_cursor_goto_first_child(&cursor)) {
      ancestors.push_back(n);
      continue;
    }
    bool done = false;
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        done = true;
        break;
      }
      ancestors.pop_back();
    }
    if (done) break;
  }
  ts_tree_cursor_delete(&cursor);
  return masked;
}

}  // namespace

Tree parse_allowing_bare_ampersands(Parser& parser, std::string_view source,
                                    const TSLanguage* language, std::string& masked) {
  Tree tree = parser.parse(source, language);
  if (!tree || !ts_node_has_error(tree.root()) || source.find('&') == std::string_view::npos) {
    return tree;
  }
  std::string copy(source);
  Tree current;
  TSNode root = tree.root();
  // Each round masks what the last tree shows; error recovery may hide later
  // ones behind earlier ones, hence a few rounds.
  for (int round = 0; round < 16 && mask(root, copy); ++round) {
    current = parser.parse(copy, language);
    if (!current) break;
    if (!ts_node_has_error(current.root())) {
      masked = std::move(copy);
      return current;
    }
    root = current.root();
  }
  return tree;
}

}  // namespace hmrc
