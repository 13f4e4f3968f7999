#include "emit/prologue.hpp"

#include "analysis/node_util.hpp"
#include "parser/tree.hpp"

namespace hmrc {

PrologueEnd prologue_end(TSNode program, std::string_view text) {
  PrologueEnd end;
  TreeCursor c(program);
  if (!c.first_child()) return end;
  do {
    TSNode n = c.node();
    std::string_view type = ts_node_type(n);
    if (type == "comment") continue;
    if (type == "hash_bang_line") {
      end.at = node::end(n);
      continue;
    }
    // A directive is a string alone in its statement, `;` aside.
    if (type != "expression_statement" || ts_node_named_child_count(n) == 0 ||
        !node::is(ts_node_named_child(n, 0), "string") ||
        node::end(ts_node_named_child(n, 0)) + 1 < node::end(n)) {
      break;
    }
    end.at = node::end(n);
    end.after_directive = true;
    end.needs_semicolon = text[end.at - 1] != ';';
  } while (c.next_sibling());
  if (!end.after_directive) {  // after the `#!` line's line break, at a line start
    if (end.at > 0 && end.at < text.size() && text[end.at] == '\r') ++end.at;
    if (end.at > 0 && end.at < text.size() && text[end.at] == '\n') ++end.at;
  }
  return end;
}

}  // namespace hmrc
