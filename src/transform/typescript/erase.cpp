#include "transform/typescript/erase.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string_view>
#include <utility>

#include "analysis/node_util.hpp"
#include "parser/tree.hpp"

namespace hmrc {
namespace {

using ts::K;

constexpr uint32_t kNoLimit = std::numeric_limits<uint32_t>::max();

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Type-only statements inside a namespace do not make it a value.
bool declares_types_only(K k) {
  return k == K::interface_declaration || k == K::type_alias_declaration ||
         k == K::ambient_declaration || k == K::function_signature;
}

}  // namespace

namespace ts {

// A namespace is a value if any statement in it, or in a namespace nested in
// it, is more than types. Iterative over nesting.
bool namespace_has_values(TSNode module, const Syntax& syn) {
  std::vector<TSNode> pending{module};
  while (!pending.empty()) {
    TSNode m = pending.back();
    pending.pop_back();
    TSNode body = ts_node_child_by_field_id(m, syn.fields.body);
    if (ts_node_is_null(body)) continue;
    uint32_t n = ts_node_named_child_count(body);
    for (uint32_t i = 0; i < n; ++i) {
      TSNode s = ts_node_named_child(body, i);
      K k = syn.kind(s);
      if (k == K::export_statement) {
        TSNode d = ts_node_child_by_field_id(s, syn.fields.declaration);
        if (ts_node_is_null(d)) {
          // `export type { A }` is a type; `export { a }` inside a namespace is not valid.
          bool type_only = false;
          for (uint32_t j = 0; j < ts_node_child_count(s); ++j)
            if (syn.kind(ts_node_child(s, j)) == K::t_type) type_only = true;
          if (!type_only) return true;
          continue;
        }
        s = d;
        k = syn.kind(s);
      }
      if (k == K::comment || declares_types_only(k)) continue;
      if (k == K::import_statement) {
        bool type_only = false;
        for (uint32_t j = 0; j < ts_node_child_count(s); ++j)
          if (syn.kind(ts_node_child(s, j)) == K::t_type) type_only = true;
        if (type_only) continue;
        return true;
      }
      if (k == K::expression_statement && ts_node_named_child_count(s) == 1) {
        TSNode inner = ts_node_named_child(s, 0);
        K ik = syn.kind(inner);
        if (ik == K::internal_module || ik == K::module) {
          pending.push_back(inner);
          continue;
        }
      }
      if (k == K::internal_module || k == K::module) {
        pending.push_back(s);
        continue;
      }
      return true;
    }
  }
  return false;
}

}  // namespace ts

namespace detail {

class EraseWalker {
 public:
  EraseWalker(TSNode root, std::string_view text)
      : root_(root), syn_(ts::syntax_for(ts_tree_language(root.tree))), edits_(text), text_(text) {
    prescan();
    facts_.scope_parent.push_back(0);
  }

  bool enter(TSNode node, const TSTreeCursor* cursor) {
    Frame child{node, syn_.kind(node), frames_.empty() ? 0 : frames_.back().scope, kNoLimit, false};
    // The field costs a lookup in the parse table: only names and the
    // children of binding sites ask for it.
    TSFieldId field = 0;
    if (!frames_.empty()) {
      const Frame& parent = frames_.back();
      if (ts_node_start_byte(node) >= parent.limit) return false;
      if (asks_field(parent.kind, child.kind)) field = ts_tree_cursor_current_field_id(cursor);
      child.declaring = declaring(parent, field, child.kind);
    }
    if (!visit(child, field)) return false;
    frames_.push_back(child);
    return true;
  }
  void leave() { frames_.pop_back(); }

  TsEditLog& edits() { return edits_; }
  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }
  ts::Facts& facts() { return facts_; }

 private:
  struct Frame {
    TSNode node;
    K kind;
    uint32_t scope;
    uint32_t limit;  // children starting here or later are types: not walked
    bool declaring;  // identifiers below declare names (binding patterns)
  };

  // ---- what the rest of the module needs to know before the walk ----

  void prescan() {
    std::vector<std::string_view> types, values;
    std::vector<TSNode> declarations;  // whose identifiers all count as values
    // A cursor: ts_node_named_child(root, i) starts over from the first child.
    TreeCursor top(root_);
    bool more = top.first_child();
    for (; more; more = top.next_sibling()) {
      TSNode s = top.node();
      if (!ts_node_is_named(s)) continue;
      K k = syn_.kind(s);
      if (k == K::import_statement) {
        prescan_import(s);
        continue;
      }
      if (k == K::import_alias && ts_node_named_child_count(s) > 0) {
        facts_.tracked.push_back(node::text(ts_node_named_child(s, 0), text_));
        continue;
      }
      if (k == K::export_statement) {
        TSNode d = ts_node_child_by_field_id(s, syn_.fields.declaration);
        if (ts_node_is_null(d)) continue;
        s = d;
        k = syn_.kind(s);
      }
      if (k == K::expression_statement && ts_node_named_child_count(s) == 1) {
        s = ts_node_named_child(s, 0);
        k = syn_.kind(s);
      }
      TSNode name = ts_node_child_by_field_id(s, syn_.fields.name);
      switch (k) {
        case K::interface_declaration:
        case K::type_alias_declaration:
          if (!ts_node_is_null(name)) types.push_back(node::text(name, text_));
          break;
        case K::internal_module:
        case K::module:
          if (!ts_node_is_null(name)) {
            (ts::namespace_has_values(s, syn_) ? values : types).push_back(node::text(name, text_));
          }
          break;
        case K::class_declaration:
        case K::abstract_class_declaration:
        case K::function_declaration:
        case K::generator_function_declaration:
        case K::enum_declaration:
          if (!ts_node_is_null(name)) values.push_back(node::text(name, text_));
          break;
        case K::lexical_declaration:
        case K::variable_declaration:
        case K::ambient_declaration:
          // Any name declared as a value keeps `export { name }`; collecting
          // every identifier here over-approximates, which only keeps more.
          declarations.push_back(s);
          break;
        default:
          break;
      }
    }
    // Values only matter as names of types: without types, no walk.
    if (!types.empty())
      for (TSNode d : declarations) collect_identifiers(d, values);
    for (std::string_view t : types)
      if (std::find(values.begin(), values.end(), t) == values.end())
        facts_.type_only_names.push_back(t);
  }

  void collect_identifiers(TSNode n, std::vector<std::string_view>& out) {
    TreeCursor c(n);  // rooted at n: it never leaves n
    for (;;) {
      K k = syn_.kind(c.node());
      if (k == K::identifier || k == K::shorthand_property_identifier_pattern)
        out.push_back(node::text(c.node(), text_));
      if (k != K::type_annotation && c.first_child()) continue;
      while (!c.next_sibling())
        if (!c.parent()) return;
    }
  }

  void prescan_import(TSNode s) {
    bool type_only = false;
    TSNode clause{};
    for (uint32_t i = 0; i < ts_node_child_count(s); ++i) {
      TSNode c = ts_node_child(s, i);
      K k = syn_.kind(c);
      if (k == K::t_type) type_only = true;
      if (k == K::import_clause) clause = c;
    }
    if (ts_node_is_null(clause)) return;
    auto add = [&](TSNode name, bool type) {
      std::string_view t = node::text(name, text_);
      (type ? facts_.type_only_names : facts_.tracked).push_back(t);
    };
    for (uint32_t i = 0; i < ts_node_named_child_count(clause); ++i) {
      TSNode c = ts_node_named_child(clause, i);
      K k = syn_.kind(c);
      if (k == K::identifier) {
        add(c, type_only);
      } else if (k == K::namespace_import) {
        TSNode id = ts_node_named_child(c, ts_node_named_child_count(c) - 1);
        if (!ts_node_is_null(id)) add(id, type_only);
      } else if (k == K::named_imports) {
        for (uint32_t j = 0; j < ts_node_named_child_count(c); ++j) {
          TSNode spec = ts_node_named_child(c, j);
          if (syn_.kind(spec) != K::import_specifier) continue;
          TSNode local = ts_node_child_by_field_id(spec, syn_.fields.alias);
          if (ts_node_is_null(local)) local = ts_node_child_by_field_id(spec, syn_.fields.name);
          if (ts_node_is_null(local)) continue;
          bool spec_type = type_only || syn_.kind(ts_node_child(spec, 0)) == K::t_type;
          add(local, spec_type);
        }
      }
    }
  }

  // ---- the visit ----

  bool asks_field(K parent, K child) const {
    switch (parent) {
      case K::variable_declarator:
      case K::required_parameter:
      case K::optional_parameter:
      case K::catch_clause:
      case K::for_in_statement:
      case K::assignment_pattern:
      case K::object_assignment_pattern:
        return true;
      default:
        return !facts_.tracked.empty() && (child == K::identifier || child == K::type_identifier ||
                                           child == K::shorthand_property_identifier ||
                                           child == K::shorthand_property_identifier_pattern);
    }
  }

  bool declaring(const Frame& parent, TSFieldId field, K child) const {
    const auto& f = syn_.fields;
    bool pattern = child == K::object_pattern || child == K::array_pattern;
    switch (parent.kind) {
      case K::variable_declarator:
        return field == f.name && pattern;
      case K::required_parameter:
      case K::optional_parameter:
        return field == f.pattern && pattern;
      case K::catch_clause:
        return field == f.parameter && pattern;
      case K::for_in_statement:
        return field == f.left && pattern;
      case K::assignment_pattern:
      case K::object_assignment_pattern:
        return field != f.right && parent.declaring;
      default:
        return child != K::computed_property_name && parent.declaring;
    }
  }

  // Returns whether to walk the node's children.
  bool visit(Frame& n, TSFieldId field) {
    if (!handled_.empty()) {
      uint32_t start = ts_node_start_byte(n.node);
      while (!handled_.empty() && handled_.back().first < start) handled_.pop_back();
      if (!handled_.empty() && handled_.back().first == start &&
          handled_.back().second == ts_node_symbol(n.node)) {
        handled_.pop_back();
        return false;
      }
    }
    switch (n.kind) {
      case K::interface_declaration:
      case K::type_alias_declaration:
      case K::ambient_declaration:
      case K::function_signature:
        remove_statement(n.node);
        return false;
      case K::method_signature:
      case K::abstract_method_signature:
      case K::index_signature:
        remove_statement(n.node);
        return false;
      case K::type_annotation:
      case K::asserts_annotation:
      case K::type_predicate_annotation:
      case K::omitting_type_annotation:
      case K::adding_type_annotation:
      case K::opting_type_annotation:
      case K::type_parameters:
      case K::type_arguments:
      case K::implements_clause:
      case K::accessibility_modifier:
      case K::override_modifier:
        blank(n.node);
        return false;
      case K::decorator:  // compiled by transform/decorators; types inside are erased
        return true;
      case K::import_statement:
        visit_import(n.node);
        return false;
      case K::import_alias:
        visit_alias(n.node, false);
        return false;
      case K::export_statement:
        return visit_export(n.node);
      case K::abstract_class_declaration:
        for (uint32_t i = 0; i < ts_node_child_count(n.node); ++i) {
          TSNode c = ts_node_child(n.node, i);
          if (syn_.kind(c) == K::t_abstract) blank(c);
        }
        return true;
      case K::public_field_definition:
        return visit_member(n.node, true);
      case K::method_definition:
        new_scope(n);
        return visit_member(n.node, false);
      case K::required_parameter:
      case K::optional_parameter:
        return visit_parameter(n.node);
      case K::variable_declarator:
        blank_tokens(n.node, K::t_bang);
        return true;
      case K::as_expression:
      case K::satisfies_expression: {
        TSNode value = ts_node_named_child(n.node, 0);
        blank(ts_node_end_byte(value), ts_node_end_byte(n.node));
        n.limit = ts_node_end_byte(value);
        return true;
      }
      case K::member_expression: {
        // typescript_repair joins `x as A.B.C` when it can; what is left would lose `.C`.
        K ok = syn_.kind(ts_node_child_by_field_id(n.node, syn_.fields.object));
        if (ok == K::as_expression || ok == K::satisfies_expression) {
          report(
              n.node, codes::kTsUnreadableQualifiedType,
              fmt::format("unreadable qualified type name after `as`/`satisfies` (line {})",
                          line_of(n.node)),
              {"tree-sitter-typescript reads part of the name as a member access; write the "
               "name without spaces or comments around its dots, or name it with `type T = ...`"});
          return false;
        }
        return true;
      }
      case K::non_null_expression:
        blank(ts_node_end_byte(n.node) - 1, ts_node_end_byte(n.node));
        return true;
      case K::type_assertion:
        visit_cast(n);
        return true;
      case K::arrow_function:
        new_scope(n);
        visit_arrow(n.node);
        return true;
      case K::binary_expression:
        visit_tagged_template(n.node);
        return true;
      case K::enum_declaration:
        facts_.enums.push_back({n.node,
                                !frames_.empty() && frames_.back().kind == K::export_statement
                                    ? frames_.back().node
                                    : n.node,
                                enclosing_list_start()});
        return true;
      case K::internal_module:
      case K::module:
        return visit_namespace(n);
      case K::statement_block:
      case K::function_declaration:
      case K::function_expression:
      case K::generator_function_declaration:
      case K::generator_function:
      case K::for_statement:
      case K::for_in_statement:
      case K::catch_clause:
      case K::switch_body:
        new_scope(n);
        return true;
      case K::identifier:
      case K::type_identifier:  // class names
      case K::shorthand_property_identifier:
      case K::shorthand_property_identifier_pattern:
        if (!facts_.tracked.empty()) visit_name(n, field);
        return false;
      default:
        return true;
    }
  }

  void new_scope(Frame& n) {
    facts_.scope_parent.push_back(n.scope);
    n.scope = static_cast<uint32_t>(facts_.scope_parent.size() - 1);
  }

  void visit_name(const Frame& n, TSFieldId field) {
    std::string_view name = node::text(n.node, text_);
    auto it = std::find(facts_.tracked.begin(), facts_.tracked.end(), name);
    if (it == facts_.tracked.end()) return;
    const Frame& parent = frames_.back();
    const auto& f = syn_.fields;
    bool declares = n.declaring;
    uint32_t scope = parent.scope;
    switch (parent.kind) {
      case K::variable_declarator:
        declares = field == f.name;
        break;
      case K::function_declaration:
      case K::generator_function_declaration:
        if (field == f.name) {
          declares = true;
          scope = facts_.scope_parent[parent.scope];
        }
        break;
      case K::class_declaration:
      case K::abstract_class_declaration:
      case K::function_expression:
      case K::generator_function:
      case K::class_expr:
        if (field == f.name) declares = true;
        break;
      case K::required_parameter:
      case K::optional_parameter:
        if (field == f.pattern) declares = true;
        break;
      case K::catch_clause:
        if (field == f.parameter) declares = true;
        break;
      case K::arrow_function:
        if (field == f.parameter) declares = true;
        break;
      case K::for_in_statement:
        if (field == f.left && !ts_node_is_null(ts_node_child_by_field_id(parent.node, f.kind)))
          declares = true;
        break;
      default:
        break;
    }
    facts_.uses.push_back({static_cast<uint16_t>(it - facts_.tracked.begin()), declares, scope});
  }

  // The start of the statement list around the current node: enums merge
  // only with declarations in the same list.
  uint32_t enclosing_list_start() const {
    for (auto it = frames_.rbegin(); it != frames_.rend(); ++it)
      if (it->kind == K::program || it->kind == K::statement_block)
        return ts_node_start_byte(it->node);
    return 0;
  }

  void visit_import(TSNode s) {
    for (uint32_t i = 0; i < ts_node_child_count(s); ++i) {
      TSNode c = ts_node_child(s, i);
      K k = syn_.kind(c);
      if (k == K::t_type) {
        remove_statement(s);
        return;
      }
      if (k == K::import_require_clause) {
        report(s, codes::kTsImportRequire,
               "`import x = require()` is not supported: the output is an ES module",
               {"write `import x from \"...\"` or `import * as x from \"...\"`"});
        return;
      }
      if (k == K::import_alias) {
        visit_alias(c, false);
        return;
      }
    }
    facts_.imports.push_back({s});
  }

  // `import x = N.y` becomes `const x = N.y` (by the elision pass, which may
  // drop it when x is only a type).
  void visit_alias(TSNode alias, bool exported) {
    if (exported) {
      TSNode kw = ts_node_child(alias, 0);
      edits_.replace(ts_node_start_byte(kw), ts_node_end_byte(kw), "const ");
      return;
    }
    facts_.aliases.push_back(alias);
    // `import Y = ns.Y` uses `ns` as a value.
    if (ts_node_named_child_count(alias) < 2) return;
    std::string_view path = node::text(ts_node_named_child(alias, 1), text_);
    std::string_view head = path.substr(0, path.find('.'));
    auto it = std::find(facts_.tracked.begin(), facts_.tracked.end(), head);
    if (it != facts_.tracked.end())
      facts_.uses.push_back({static_cast<uint16_t>(it - facts_.tracked.begin()), false, 0});
  }

  bool visit_export(TSNode s) {
    TSNode decl = ts_node_child_by_field_id(s, syn_.fields.declaration);
    uint32_t count = ts_node_child_count(s);
    bool is_default = false;
    for (uint32_t i = 0; i < count; ++i) {
      TSNode c = ts_node_child(s, i);
      K k = syn_.kind(c);
      if (k == K::t_type) {
        remove_statement(s);
        return false;
      }
      if (k == K::t_default) is_default = true;
      if (k == K::t_equals) {
        report(s, codes::kTsExportAssignment,
               "`export =` is not supported: the output is an ES module",
               {"write `export default` instead"});
        return false;
      }
      if (k == K::import_alias) {
        visit_alias(c, true);
        return false;
      }
      if (is_default && ts_node_is_null(decl) && declares_types_only(k)) decl = c;
    }
    if (!ts_node_is_null(decl)) {
      K k = syn_.kind(decl);
      if (declares_types_only(k)) {
        remove_statement(s);
        return false;
      }
      if (k == K::internal_module || k == K::module ||
          (k == K::expression_statement && ts_node_named_child_count(decl) == 1)) {
        TSNode inner = k == K::expression_statement ? ts_node_named_child(decl, 0) : decl;
        K ik = syn_.kind(inner);
        if ((ik == K::internal_module || ik == K::module) &&
            !ts::namespace_has_values(inner, syn_)) {
          remove_statement(s);
          return false;
        }
      }
      return true;
    }
    if (!ts_node_is_null(ts_node_child_by_field_id(s, syn_.fields.source))) {
      // Re-exports name nothing local; `type` specifiers still go.
      blank_type_specifiers(s);
      return false;
    }
    for (uint32_t i = 0; i < count; ++i) {
      TSNode c = ts_node_child(s, i);
      if (syn_.kind(c) == K::export_clause) {
        facts_.exports.push_back({s});
        return true;
      }
    }
    if (is_default) {
      TSNode value = ts_node_child_by_field_id(s, syn_.fields.value);
      if (!ts_node_is_null(value) && syn_.kind(value) == K::identifier)
        facts_.export_defaults.push_back(s);
    }
    return true;
  }

  void blank_type_specifiers(TSNode s) {
    for (uint32_t i = 0; i < ts_node_named_child_count(s); ++i) {
      TSNode clause = ts_node_named_child(s, i);
      if (syn_.kind(clause) != K::export_clause) continue;
      uint32_t n = ts_node_child_count(clause);
      std::vector<bool> drop;
      bool any_kept = false;
      for (uint32_t j = 0; j < n; ++j) {
        TSNode spec = ts_node_child(clause, j);
        if (syn_.kind(spec) != K::export_specifier) continue;
        bool type = syn_.kind(ts_node_child(spec, 0)) == K::t_type;
        drop.push_back(type);
        any_kept |= !type;
      }
      if (!any_kept && !drop.empty()) {
        remove_statement(s);
        return;
      }
      blank_specifiers(clause, drop, K::export_specifier);
    }
  }

  void blank_specifiers(TSNode list, const std::vector<bool>& drop, K spec_kind) {
    for (auto [start, end] : ts::specifier_blanks(list, drop, spec_kind, syn_))
      edits_.blank(start, end);
  }

  // Class members: `declare` and `abstract` fields go; modifiers, `?` and
  // `!` are blanked. A member that then starts with `[`, `(` or `*` could
  // join the field before it, so a `;` takes the modifier's first column.
  bool visit_member(TSNode m, bool field) {
    uint32_t n = ts_node_child_count(m);
    for (uint32_t i = 0; field && i < n; ++i) {
      K k = syn_.kind(ts_node_child(m, i));
      if (k == K::t_declare || k == K::t_abstract) {
        remove_statement(m);
        return false;
      }
    }
    bool leading = true;
    bool first_blank = true;
    for (uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_child(m, i);
      K k = syn_.kind(c);
      bool modifier =
          k == K::accessibility_modifier || k == K::override_modifier || k == K::t_readonly;
      if (modifier) {
        char first = 0;
        if (leading && first_blank && needs_semicolon_before(ts_node_start_byte(m))) first = ';';
        edits_.blank(ts_node_start_byte(c), ts_node_end_byte(c), first);
        mark_handled(c);
        first_blank = false;
        continue;
      }
      if (k == K::t_question || (field && k == K::t_bang)) blank(c);
      if (k != K::decorator && k != K::comment) leading = false;
    }
    return true;
  }

  bool visit_parameter(TSNode p) {
    uint32_t n = ts_node_child_count(p);
    bool property = false;
    for (uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_child(p, i);
      K k = syn_.kind(c);
      if (k == K::t_this && i == 0) {
        blank_this_parameter(p);
        return false;
      }
      if (k == K::accessibility_modifier || k == K::override_modifier || k == K::t_readonly) {
        blank(c);
        mark_handled(c);
        property = true;
      } else if (k == K::t_question) {
        blank(c);
      }
    }
    if (property) add_parameter_property(p);
    return true;
  }

  // `f(this: T, a)`: the parameter and its comma go.
  void blank_this_parameter(TSNode p) {
    uint32_t end = ts_node_end_byte(p);
    std::size_t i = end;
    while (i < text_.size() && is_space(text_[i])) ++i;
    if (i < text_.size() && text_[i] == ',') end = static_cast<uint32_t>(i + 1);
    edits_.blank(ts_node_start_byte(p), end);
  }

  void add_parameter_property(TSNode p) {
    // frames_: ..., class_body, method_definition, formal_parameters
    if (frames_.size() < 3) return;
    const Frame& params = frames_.back();
    const Frame& method = frames_[frames_.size() - 2];
    const Frame& body_of_class = frames_[frames_.size() - 3];
    if (params.kind != K::formal_parameters || method.kind != K::method_definition ||
        body_of_class.kind != K::class_body)
      return;
    TSNode body = ts_node_child_by_field_id(method.node, syn_.fields.body);
    if (ts_node_is_null(body)) return;
    if (facts_.param_properties.empty() ||
        facts_.param_properties.back().constructor_body.id != body.id) {
      facts_.param_properties.push_back({body_of_class.node, body, {}});
    }
    facts_.param_properties.back().parameters.push_back(p);
  }

  // `<T>x` becomes `(x)`: the parentheses keep `<T>{...}` an object
  // literal at the start of an arrow body, and cost nothing elsewhere.
  void visit_cast(const Frame& n) {
    TSNode type = ts_node_child(n.node, 0);
    if (syn_.kind(type) != K::type_arguments) return;
    edits_.blank(ts_node_start_byte(type), ts_node_end_byte(type), '(');
    edits_.insert_left(ts_node_end_byte(n.node), ")");
    mark_handled(type);
  }

  // `<T>\n(x) => x` and `(x):\n T => x`: a line break inside blanked type
  // syntax would end the statement (`return`) or split `)` from `=>`. The
  // parenthesis moves to where the types began or ended.
  void visit_arrow(TSNode arrow) {
    TSNode tparams = ts_node_child_by_field_id(arrow, syn_.fields.type_parameters);
    TSNode params = ts_node_child_by_field_id(arrow, syn_.fields.parameters);
    TSNode ret = ts_node_child_by_field_id(arrow, syn_.fields.return_type);
    if (ts_node_is_null(params) || syn_.kind(params) != K::formal_parameters) return;
    uint32_t open = ts_node_start_byte(params);
    uint32_t close = ts_node_end_byte(params) - 1;
    std::vector<std::pair<uint32_t, TSSymbol>> marks;  // in document order
    if (!ts_node_is_null(tparams) && has_line_break(ts_node_start_byte(tparams), open)) {
      edits_.blank(ts_node_start_byte(tparams), ts_node_end_byte(tparams), '(');
      edits_.blank(open, open + 1);
      marks.emplace_back(ts_node_start_byte(tparams), ts_node_symbol(tparams));
    }
    if (!ts_node_is_null(ret) && has_line_break(close, ts_node_end_byte(ret))) {
      edits_.blank(close, close + 1);
      uint32_t end = ts_node_end_byte(ret);
      edits_.blank(ts_node_start_byte(ret), end - 1);
      edits_.replace(end - 1, end, ")");
      marks.emplace_back(ts_node_start_byte(ret), ts_node_symbol(ret));
    }
    for (const auto& m : marks) mark_handled(m);
  }

  // The guard against reading type arguments as comparisons. TypeScript
  // reads `tag<T>` before a template literal as type arguments (whenever T
  // parses as a type); JavaScript, and the grammar, read `(tag < T) > `x``.
  // ts_repair blanks every such `<...>` it recognises; a `<` ... `>` pair
  // of operators around a template-led operand that is still in the tree
  // would compile to a comparison that TypeScript never meant, so it is
  // reported instead (a silent miscompile is the worst outcome). Checked
  // only at `>`, `>>` and `>>>` operators: cheap.
  void visit_tagged_template(TSNode b) {
    // The operator first: most binary expressions end the check here.
    std::string_view op = node::text(ts_node_child(b, 1), text_);
    if (op != ">" && op != ">>" && op != ">>>") return;
    TSNode right = ts_node_child_by_field_id(b, syn_.fields.right);
    TSNode left = ts_node_child_by_field_id(b, syn_.fields.left);
    if (ts_node_is_null(right) || ts_node_is_null(left)) return;
    TSNode first = right;  // the operand's first token, or the template it starts with
    while (syn_.kind(first) != K::template_string && ts_node_child_count(first) > 0)
      first = ts_node_child(first, 0);
    if (syn_.kind(first) != K::template_string) return;
    if (!comparison_opens_before(left)) return;
    report(b, codes::kTsUnreadableTypeArguments,
           "hmrc cannot read the type arguments of this tagged template",
           {"TypeScript reads `<...>` before a template literal as type arguments, and "
            "tree-sitter-typescript as comparisons; give the type a name (`type T = ...`) and "
            "write `tag<T>`x``, or, if this is a comparison, put the template in parentheses"});
  }

  // Whether a `<` operator is open before the `>` of binary `b`: on the
  // right spine of its left operand, or an enclosing `<` whose right operand
  // holds `b` (`a < (B < (C >> `x`))`, the grammar's reading of `a<B<C>>`x``).
  bool comparison_opens_before(TSNode left) const {
    auto is_lt = [&](TSNode n) {
      return syn_.kind(n) == K::binary_expression && node::text(ts_node_child(n, 1), text_) == "<";
    };
    for (TSNode n = left; syn_.kind(n) == K::binary_expression;
         n = ts_node_child_by_field_id(n, syn_.fields.right)) {
      if (is_lt(n)) return true;
    }
    // frames_.back() is `b` itself.
    for (std::size_t i = frames_.size() - 1; i > 0; --i) {
      const Frame& parent = frames_[i - 1];
      if (parent.kind != K::binary_expression) break;
      if (!ts_node_eq(ts_node_child_by_field_id(parent.node, syn_.fields.right), frames_[i].node))
        break;
      if (is_lt(parent.node)) return true;
    }
    return false;
  }

  // A namespace of types only goes; one with values is compiled by
  // typescript/namespace, and the walk goes on inside it.
  bool visit_namespace(Frame& n) {
    TSNode m = n.node;
    std::size_t depth = frames_.size();
    TSNode statement = m;
    bool exported = false;
    if (depth > 0 && frames_[depth - 1].kind == K::expression_statement) {
      statement = frames_[depth - 1].node;
      --depth;
    }
    if (depth > 0 && frames_[depth - 1].kind == K::export_statement) {
      statement = frames_[depth - 1].node;
      exported = true;
      --depth;
    }
    if (!ts::namespace_has_values(m, syn_)) {
      remove_statement(statement);
      return false;
    }
    TSNode name = ts_node_child_by_field_id(m, syn_.fields.name);
    if (ts_node_is_null(name) ||
        (syn_.kind(name) != K::identifier && syn_.kind(name) != K::nested_identifier) ||
        depth == 0) {
      report(m, codes::kTsNamespaceValues,
             fmt::format("this namespace form is not supported (line {})", line_of(m)),
             {"hmrc compiles `namespace N { ... }`; write dotted names as nested namespaces"});
      return false;
    }
    int parent = -1;
    for (std::size_t i = depth; i-- > 0;) {
      K k = frames_[i].kind;
      if (k == K::internal_module || k == K::module) {
        for (std::size_t j = facts_.namespaces.size(); j-- > 0;)
          if (facts_.namespaces[j].node.id == frames_[i].node.id) parent = static_cast<int>(j);
        break;
      }
      if (k != K::statement_block && k != K::export_statement && k != K::expression_statement)
        break;
    }
    facts_.namespaces.push_back({m, statement, frames_[depth - 1].node, exported, parent});
    new_scope(n);
    return true;
  }

  // ---- edits ----

  void blank(TSNode n) { edits_.blank(ts_node_start_byte(n), ts_node_end_byte(n)); }
  void blank(uint32_t start, uint32_t end) {
    if (start < end) edits_.blank(start, end);
  }
  void blank_tokens(TSNode n, K kind) {
    for (uint32_t i = 0; i < ts_node_child_count(n); ++i) {
      TSNode c = ts_node_child(n, i);
      if (syn_.kind(c) == kind) blank(c);
    }
  }
  void mark_handled(TSNode c) {
    mark_handled(std::make_pair(ts_node_start_byte(c), ts_node_symbol(c)));
  }
  // Children of the node being visited come next, in order; the walk pops
  // marks it has passed.
  void mark_handled(std::pair<uint32_t, TSSymbol> mark) {
    auto it = handled_.end();
    while (it != handled_.begin() && (it - 1)->first < mark.first) --it;
    handled_.insert(it, mark);
  }

  void remove_statement(TSNode s) {
    edits_.remove_statement(ts_node_start_byte(s), ts_node_end_byte(s));
  }
  bool needs_semicolon_before(uint32_t pos) const { return edits_.needs_semicolon_before(pos); }

  bool has_line_break(uint32_t start, uint32_t end) const {
    return text_.substr(start, end - start).find_first_of("\n\r") != std::string_view::npos;
  }

  uint32_t line_of(TSNode n) const { return ts_node_start_point(n).row + 1; }

  void report(TSNode n, std::string_view code, std::string message,
              std::vector<std::string> notes) {
    diagnostics_.push_back({code,
                            Severity::error,
                            {ts_node_start_byte(n), ts_node_end_byte(n)},
                            std::move(message),
                            std::move(notes)});
  }

  TSNode root_;
  const ts::Syntax& syn_;
  TsEditLog edits_;
  std::string_view text_;
  std::vector<Diagnostic> diagnostics_;
  std::vector<Frame> frames_;
  std::vector<std::pair<uint32_t, TSSymbol>> handled_;  // sorted, nearest last
  ts::Facts facts_;
};

}  // namespace detail

namespace ts {

std::vector<std::pair<uint32_t, uint32_t>> specifier_blanks(TSNode list,
                                                            const std::vector<bool>& drop,
                                                            K spec_kind, const Syntax& syn) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  uint32_t n = ts_node_child_count(list);
  std::size_t index = 0;
  for (uint32_t j = 0; j < n; ++j) {
    TSNode spec = ts_node_child(list, j);
    if (syn.kind(spec) != spec_kind) continue;
    if (!drop[index++]) continue;
    uint32_t end = ts_node_end_byte(spec);
    if (j + 1 < n && syn.kind(ts_node_child(list, j + 1)) == K::t_comma)
      end = ts_node_end_byte(ts_node_child(list, j + 1));
    out.emplace_back(ts_node_start_byte(spec), end);
  }
  return out;
}

}  // namespace ts

void blank_specifiers(TSNode list, const std::vector<bool>& drop, ts::K spec_kind,
                      const ts::Syntax& syn, TsEdits& edits) {
  for (auto [start, end] : ts::specifier_blanks(list, drop, spec_kind, syn))
    edits.blank(start, end);
}

TsErase::TsErase(TSNode root, std::string_view text)
    : walker_(std::make_unique<detail::EraseWalker>(root, text)) {}
TsErase::~TsErase() = default;
bool TsErase::enter(TSNode node, const TSTreeCursor* cursor) {
  return walker_->enter(node, cursor);
}
void TsErase::leave() { walker_->leave(); }
TsEditLog& TsErase::edits() { return walker_->edits(); }
std::vector<Diagnostic>& TsErase::diagnostics() { return walker_->diagnostics(); }
ts::Facts& TsErase::facts() { return walker_->facts(); }

}  // namespace hmrc
