#include "analysis/analysis.hpp"

#include <memory>
#include <utility>

#include "parser/tree.hpp"

namespace hmrc {
namespace {

// Symbols and fields are numbers per grammar; looking them up once per
// grammar (by name, a linear search) keeps the walk to integer comparisons.
struct Symbols {
  TSSymbol meta_property, property_identifier, import_statement, export_statement, call_expression,
      import_keyword, import_node, string, assignment, augmented_assignment, update, for_in,
      jsx_element, jsx_self_closing_element, comment, as_expression, satisfies_expression,
      member_expression, extends_clause, binary_expression, template_string, class_declaration,
      class_expression, abstract_class_declaration;
  TSFieldId source, function, arguments, value;

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
        for_in(id(l, "for_in_statement", true)),
        jsx_element(id(l, "jsx_element", true)),
        jsx_self_closing_element(id(l, "jsx_self_closing_element", true)),
        comment(id(l, "comment", true)),
        as_expression(id(l, "as_expression", true)),
        satisfies_expression(id(l, "satisfies_expression", true)),
        member_expression(id(l, "member_expression", true)),
        extends_clause(id(l, "extends_clause", true)),
        binary_expression(id(l, "binary_expression", true)),
        template_string(id(l, "template_string", true)),
        class_declaration(id(l, "class_declaration", true)),
        class_expression(id(l, "class", true)),
        abstract_class_declaration(id(l, "abstract_class_declaration", true)),
        source(field(l, "source")),
        function(field(l, "function")),
        arguments(field(l, "arguments")),
        value(field(l, "value")) {}

  static TSSymbol id(const TSLanguage* l, std::string_view name, bool named) {
    return ts_language_symbol_for_name(l, name.data(), static_cast<uint32_t>(name.size()), named);
  }
  static TSFieldId field(const TSLanguage* l, std::string_view name) {
    return ts_language_field_id_for_name(l, name.data(), static_cast<uint32_t>(name.size()));
  }
};

// Per thread, so no lock: a handful of grammars at most.
const Symbols& symbols_for(const TSLanguage* language) {
  static thread_local std::vector<std::pair<const TSLanguage*, std::unique_ptr<Symbols>>> cache;
  for (const auto& [l, s] : cache)
    if (l == language) return *s;
  cache.emplace_back(language, std::make_unique<Symbols>(language));
  return *cache.back().second;
}

std::string_view text_of(TSNode n, std::string_view text) {
  return text.substr(ts_node_start_byte(n), ts_node_end_byte(n) - ts_node_start_byte(n));
}

void add_specifier(TSNode string_node, bool dynamic, std::string_view text, Analysis& out,
                   bool type_only = false) {
  std::string_view quoted = text_of(string_node, text);
  if (quoted.size() < 2) return;
  out.imports.push_back({std::string(quoted.substr(1, quoted.size() - 2)),
                         {ts_node_start_byte(string_node), ts_node_end_byte(string_node)},
                         dynamic,
                         type_only});
}

// `import type`/`export type` statements (TypeScript) have a `type` token
// right after their keyword.
bool is_type_only(TSNode statement, std::string_view text) {
  uint32_t count = ts_node_child_count(statement);
  for (uint32_t i = 0; i + 1 < count && i < 3; ++i) {
    TSNode c = ts_node_child(statement, i);
    if (!ts_node_is_named(c) && (text_of(c, text) == "import" || text_of(c, text) == "export")) {
      TSNode next = ts_node_child(statement, i + 1);
      return !ts_node_is_named(next) && text_of(next, text) == "type";
    }
  }
  return false;
}

NodeInContext in_context(TSNode node, const std::vector<TSNode>& ancestors) {
  NodeInContext c{node, {}};
  std::size_t n = std::min(ancestors.size(), kMaxAncestors);
  c.ancestors.assign(ancestors.rbegin(), ancestors.rbegin() + static_cast<std::ptrdiff_t>(n));
  return c;
}

}  // namespace

Analysis analyze(TSNode root, std::string_view text, const AnalyzeOptions& options) {
  const Symbols& sym = symbols_for(ts_tree_language(root.tree));
  Analysis out;
  if (options.token_starts) out.token_starts.reserve(text.size() / 5);
  WalkVisitor* visitor = options.visitor;
  std::size_t visitor_depth = 0;  // the visitor entered every ancestor up to this depth
  std::vector<TSNode> ancestors;
  TreeCursor cursor(root);
  for (;;) {
    TSNode node = cursor.node();
    bool visitor_in =
        visitor && visitor_depth == ancestors.size() && visitor->enter(node, cursor.raw());
    TSSymbol s = ts_node_symbol(node);
    if (s == sym.meta_property) {
      out.import_metas.push_back(in_context(node, ancestors));
    } else if (s == sym.property_identifier && text_of(node, text) == "hot") {
      out.hot_properties.push_back(in_context(node, ancestors));
    } else if (s == sym.import_statement || s == sym.export_statement) {
      TSNode source = ts_node_child_by_field_id(node, sym.source);
      if (!ts_node_is_null(source))
        add_specifier(source, false, text, out, is_type_only(node, text));
    } else if (s == sym.assignment || s == sym.augmented_assignment || s == sym.update ||
               s == sym.for_in) {
      out.writes.push_back(node);
    } else if (s == sym.jsx_element || s == sym.jsx_self_closing_element) {
      // Symbol 0 (end) stands for node types a grammar lacks: never matches.
      out.jsx_elements.push_back(node);
    } else if (s == sym.class_declaration || s == sym.class_expression ||
               s == sym.abstract_class_declaration) {
      out.classes.push_back(in_context(node, ancestors));
    } else if (s == sym.comment) {
      if (text_of(node, text).find("@jsx") != std::string_view::npos) {
        out.jsx_pragmas.push_back(node);
      }
    } else if (s == sym.call_expression) {
      TSNode callee = ts_node_child_by_field_id(node, sym.function);
      TSNode args = ts_node_child_by_field_id(node, sym.arguments);
      TSSymbol callee_symbol = ts_node_symbol(callee);
      bool dynamic_import = callee_symbol == sym.import_keyword || callee_symbol == sym.import_node;
      if (dynamic_import && !ts_node_is_null(args) && ts_node_named_child_count(args) > 0 &&
          ts_node_symbol(ts_node_named_child(args, 0)) == sym.string) {
        add_specifier(ts_node_named_child(args, 0), true, text, out);
      }
    } else if (s == sym.as_expression || s == sym.satisfies_expression) {
      if (!ancestors.empty() && ts_node_symbol(ancestors.back()) == sym.member_expression)
        out.maybe_misread_typescript = true;
    } else if (s == sym.extends_clause) {
      TSNode value = ts_node_child_by_field_id(node, sym.value);
      if (!ts_node_is_null(value) && ts_node_symbol(value) == sym.binary_expression)
        out.maybe_misread_typescript = true;
    } else if (s == sym.template_string) {
      // `` tag<T>`x` `` read as comparisons: a `>` (not `=>`) right before.
      uint32_t at = ts_node_start_byte(node);
      while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t' || text[at - 1] == '\n' ||
                        text[at - 1] == '\r'))
        --at;
      if (at >= 2 && text[at - 1] == '>' && text[at - 2] != '=')
        out.maybe_misread_typescript = true;
    }
    if (cursor.first_child()) {
      ancestors.push_back(node);
      if (visitor_in) ++visitor_depth;
      continue;
    }
    if (visitor_in) visitor->leave();
    if (options.token_starts) {
      uint32_t start = ts_node_start_byte(node);
      if (out.token_starts.empty() || out.token_starts.back() < start)
        out.token_starts.push_back(start);
    }
    while (!cursor.next_sibling()) {
      if (!cursor.parent()) return out;
      ancestors.pop_back();
      if (visitor_depth > ancestors.size()) {
        visitor->leave();
        --visitor_depth;
      }
    }
  }
}

}  // namespace hmrc
