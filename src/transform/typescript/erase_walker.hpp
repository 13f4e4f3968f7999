// The walk behind TsErase (erase.hpp), private to typescript/: one class,
// its member functions in one file per job, all called from the one walk:
//   erase.cpp             the visit (what each node kind gets), scopes, uses
//                         of imported names, the edit helpers
//   erase_prescan.cpp     before the walk: names that are only types
//   erase_modules.cpp     imports, `import x = N.y`, exports
//   erase_classes.cpp     class members, parameters, parameter properties
//   erase_expressions.cpp casts, arrow functions, tagged templates (ASI
//                         hazards of blanked type arguments)
//   erase_namespaces.cpp  namespaces: values or types only
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/ts_syntax.hpp"
#include "diagnostics/diagnostic.hpp"
#include "transform/typescript/edits.hpp"

namespace hmrc {

namespace ts {
// A namespace is a value if any statement in it, or in a namespace nested in
// it, is more than types (erase_prescan.cpp).
bool namespace_has_values(TSNode module, const Syntax& syn);
}  // namespace ts

namespace detail {

using ts::K;

inline constexpr uint32_t kNoLimit = std::numeric_limits<uint32_t>::max();

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Type-only statements inside a namespace do not make it a value.
inline bool declares_types_only(K k) {
  return k == K::interface_declaration || k == K::type_alias_declaration ||
         k == K::ambient_declaration || k == K::function_signature;
}

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
  void prescan();
  void collect_identifiers(TSNode n, std::vector<std::string_view>& out);
  void prescan_import(TSNode s);

  // ---- the visit ----
  bool asks_field(K parent, K child) const;
  bool declaring(const Frame& parent, TSFieldId field, K child) const;

  // Returns whether to walk the node's children.
  bool visit(Frame& n, TSFieldId field);
  void new_scope(Frame& n);
  void visit_name(const Frame& n, TSFieldId field);

  // The start of the statement list around the current node: enums merge
  // only with declarations in the same list.
  uint32_t enclosing_list_start() const;
  void visit_import(TSNode s);

  // `import x = N.y` becomes `const x = N.y` (by the elision pass, which may
  // drop it when x is only a type).
  void visit_alias(TSNode alias, bool exported);
  bool visit_export(TSNode s);
  void blank_type_specifiers(TSNode s);
  void blank_specifiers(TSNode list, const std::vector<bool>& drop, K spec_kind);

  // Class members: `declare` and `abstract` fields go; modifiers, `?` and
  // `!` are blanked. A member that then starts with `[`, `(` or `*` could
  // join the field before it, so a `;` takes the modifier's first column.
  bool visit_member(TSNode m, bool field);
  bool visit_parameter(TSNode p);

  // `f(this: T, a)`: the parameter and its comma go.
  void blank_this_parameter(TSNode p);
  void add_parameter_property(TSNode p);

  // `<T>x` becomes `(x)`: the parentheses keep `<T>{...}` an object
  // literal at the start of an arrow body, and cost nothing elsewhere.
  void visit_cast(const Frame& n);

  // `<T>\n(x) => x` and `(x):\n T => x`: a line break inside blanked type
  // syntax would end the statement (`return`) or split `)` from `=>`. The
  // parenthesis moves to where the types began or ended.
  void visit_arrow(TSNode arrow);

  // The guard against reading type arguments as comparisons. TypeScript
  // reads `tag<T>` before a template literal as type arguments (whenever T
  // parses as a type); JavaScript, and the grammar, read `(tag < T) > `x``.
  // ts_repair blanks every such `<...>` it recognises; a `<` ... `>` pair
  // of operators around a template-led operand that is still in the tree
  // would compile to a comparison that TypeScript never meant, so it is
  // reported instead (a silent miscompile is the worst outcome). Checked
  // only at `>`, `>>` and `>>>` operators: cheap.
  void visit_tagged_template(TSNode b);

  // Whether a `<` operator is open before the `>` of binary `b`: on the
  // right spine of its left operand, or an enclosing `<` whose right operand
  // holds `b` (`a < (B < (C >> `x`))`, the grammar's reading of `a<B<C>>`x``).
  bool comparison_opens_before(TSNode left) const;

  // A namespace of types only goes; one with values is compiled by
  // typescript/namespace, and the walk goes on inside it.
  bool visit_namespace(Frame& n);

  // ---- edits ----
  void blank(TSNode n) { edits_.blank(ts_node_start_byte(n), ts_node_end_byte(n)); }
  void blank(uint32_t start, uint32_t end);
  void blank_tokens(TSNode n, K kind);
  void mark_handled(TSNode c);
  // Children of the node being visited come next, in order; the walk pops
  // marks it has passed.
  void mark_handled(std::pair<uint32_t, TSSymbol> mark);
  void remove_statement(TSNode s);
  bool needs_semicolon_before(uint32_t pos) const { return edits_.needs_semicolon_before(pos); }
  bool has_line_break(uint32_t start, uint32_t end) const;
  uint32_t line_of(TSNode n) const { return ts_node_start_point(n).row + 1; }
  void report(TSNode n, std::string_view code, std::string message, std::vector<std::string> notes);
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
}  // namespace hmrc
