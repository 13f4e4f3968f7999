#include "analysis.hpp"

#include "parser/tree.hpp"

namespace hmrc {
namespace {

// Symbols are numbers per grammar; looking them up once keeps the walk to
// integer comparisons.
struct Symbols {
  TSSymbol meta_property, property_identifier, import_statement, export_statement, call_expression,
      import_keyword, import_node, string, assignment, augmented_assignment, update, for_in;

  explicit Symbols(const TSLanguage* l)
      : meta_property(id(l, "meta_property", true)),
        property_identifier(id(l, "property_identifier", true)),
        import_statement(id(l, "import_statement", true)),
        export_statement(id(l, "export_statement", true)),
        call_expression(id(l, "call_expression", true)),
        import_keyword(id(l, "import", false)),
        import_node(id(l, "import", true)),  // the typescript grammar wraps the keyword
        string(id(l, "string", true)),
        assignment(id(l, "assignment_expression", true)),
        augmented_assignment(id(l, "augmented_assignment_expression", true)),
        update(id(l, "update_expression", true)),
        for_in(id(l, "for_in_statement", true)) {}

  static TSSymbol id(const TSLanguage* l, std::string_view name, bool named) {
    return ts_language_symbol_for_name(l, name.data(), static_cast<uint32_t>(name.size()), named);
  }
};

std::string_view text_of(TSNode n, std::string_view text) {
  return text.substr(ts_node_start_byte(n), ts_node_end_byte(n) - ts_node_start_byte(n));
}

void add_specifier(TSNode string_node, bool dynamic, std::string_view text, Analysis& out) {
  std::string_view quoted = text_of(string_node, text);
  if (quoted.size() < 2) return;
  out.imports.push_back({std::string(quoted.substr(1, quoted.size() - 2)),
                         {ts_node_start_byte(string_node), ts_node_end_byte(string_node)},
                         dynamic});
}

NodeInContext in_context(TSNode node, const std::vector<TSNode>& ancestors) {
  NodeInContext c{node, {}};
  std::size_t n = std::min(ancestors.size(), kMaxAncestors);
  c.ancestors.assign(ancestors.rbegin(), ancestors.rbegin() + static_cast<std::ptrdiff_t>(n));
  return c;
}

}  // namespace

Analysis analyze(TSNode root, std::string_view text) {
  Symbols sym(ts_tree_language(root.tree));
  Analysis out;
  out.token_starts.reserve(text.size() / 5);
  std::vector<TSNode> ancestors;
  TreeCursor cursor(root);
  for (;;) {
    TSNode node = cursor.node();
    TSSymbol s = ts_node_symbol(node);
    if (s == sym.meta_property) {
      out.import_metas.push_back(in_context(node, ancestors));
    } else if (s == sym.property_identifier && text_of(node, text) == "hot") {
      out.hot_properties.push_back(in_context(node, ancestors));
    } else if (s == sym.import_statement || s == sym.export_statement) {
      TSNode source = ts_node_child_by_field_name(node, "source", 6);
      if (!ts_node_is_null(source)) add_specifier(source, false, text, out);
    } else if (s == sym.assignment || s == sym.augmented_assignment || s == sym.update ||
               s == sym.for_in) {
      out.writes.push_back(node);
    } else if (s == sym.call_expression) {
      TSNode callee = ts_node_child_by_field_name(node, "function", 8);
      TSNode args = ts_node_child_by_field_name(node, "arguments", 9);
      TSSymbol callee_symbol = ts_node_symbol(callee);
      bool dynamic_import = callee_symbol == sym.import_keyword || callee_symbol == sym.import_node;
      if (dynamic_import && !ts_node_is_null(args) && ts_node_named_child_count(args) > 0 &&
          ts_node_symbol(ts_node_named_child(args, 0)) == sym.string) {
        add_specifier(ts_node_named_child(args, 0), true, text, out);
      }
    }
    if (cursor.first_child()) {
      ancestors.push_back(node);
      continue;
    }
    uint32_t start = ts_node_start_byte(node);
    if (out.token_starts.empty() || out.token_starts.back() < start)
      out.token_starts.push_back(start);
    while (!cursor.next_sibling()) {
      if (!cursor.parent()) return out;
      ancestors.pop_back();
    }
  }
}

}  // namespace hmrc
