#include "transform/hot/prod.hpp"

#include <algorithm>
#include <string>

#include "analysis/node_util.hpp"

namespace hmrc {
namespace {

using node::field;
using node::is;
using node::same;

// Where a statement can simply vanish; elsewhere (the body of an `if` or a
// loop) it must leave an empty statement behind.
bool is_statement_list(TSNode n) {
  std::string_view t = ts_node_type(n);
  return t == "program" || t == "statement_block" || t == "switch_case" || t == "switch_default" ||
         t == "class_static_block";
}

// Expressions that would read differently at the start of a statement or of
// an arrow body.
bool needs_parentheses_alone(TSNode n) {
  std::string_view t = ts_node_type(n);
  return t == "object" || t == "function_expression" || t == "function" || t == "class";
}

// The constant import.meta.hot folds to in production, as it moves up
// through `!` and `typeof`; `&&`, `||` and `??` either keep it or give way to
// their other operand.
struct Folded {
  std::string literal;
  bool truthy = false;
  bool nullish = true;
};

class Remover {
 public:
  Remover(std::string_view text, EditBuffer& edits) : text_(text), edits_(edits) {}

  void run(const HotUses& uses) {
    for (const HotUse& use : uses.uses) {
      if (is_dead(node::start(use.hot))) continue;  // inside code already removed
      switch (use.kind) {
        case HotUse::Kind::call:
          remove_call(use);
          break;
        case HotUse::Kind::data:
          fold_data(use);
          break;
        case HotUse::Kind::test:
          fold_test(use);
          break;
      }
    }
  }

 private:
  bool is_dead(uint32_t at) const {
    auto it = std::upper_bound(dead_.begin(), dead_.end(), at,
                               [](uint32_t a, const Span& s) { return a < s.start; });
    return it != dead_.begin() && at < std::prev(it)->end;
  }

  void kill(uint32_t start, uint32_t end) {
    Span s{start, end};
    dead_.insert(std::upper_bound(dead_.begin(), dead_.end(), s,
                                  [](const Span& a, const Span& b) { return a.start < b.start; }),
                 s);
  }

  void remove(uint32_t start, uint32_t end) {
    if (start == end) return;
    edits_.remove(start, end);
    kill(start, end);
  }

  void replace(TSNode n, std::string text) {
    edits_.replace(node::start(n), node::end(n), std::move(text));
    kill(node::start(n), node::end(n));
  }

  // Whether the statement before `statement` could run on into what follows
  // it once `statement` is gone: `a\n<removed>\n(b)` would read as `a(b)`.
  bool previous_may_continue(TSNode statement) const {
    TSNode prev = ts_node_prev_sibling(statement);
    while (!ts_node_is_null(prev) && (is(prev, "comment") || is_dead(node::start(prev))))
      prev = ts_node_prev_sibling(prev);
    if (ts_node_is_null(prev) || node::end(prev) == 0) return false;
    char last = text_[node::end(prev) - 1];
    if (last == ';' || last == '{') return false;
    // A `}` closes a block unless the statement ends in an expression.
    std::string_view t = ts_node_type(prev);
    return last != '}' || t == "expression_statement" || t == "lexical_declaration" ||
           t == "variable_declaration" || t == "export_statement";
  }

  void remove_statement(TSNode statement, TSNode parent) {
    if (!ts_node_is_null(parent) && is_statement_list(parent)) {
      if (previous_may_continue(statement)) return replace(statement, ";");
      remove(node::start(statement), node::end(statement));
    } else {
      replace(statement, ";");
    }
  }

  // Keeps `keep` of `whole`, dropping the rest around it. Parentheses are
  // added only where `keep` would otherwise read as a block or a declaration,
  // so that nothing but the use changes.
  void keep_only(TSNode whole, TSNode keep, bool whole_starts_statement) {
    remove(node::start(whole), node::start(keep));
    remove(node::end(keep), node::end(whole));
    if (whole_starts_statement && needs_parentheses_alone(keep)) {
      edits_.insert_right(node::start(keep), "(");
      edits_.insert_left(node::end(keep), ")");
    }
  }

  void remove_call(const HotUse& use) {
    AncestorCursor c = use.at_hot;
    c.parent();
    c.up();  // the member: import.meta.hot.accept
    c.parent();
    c.up();  // the call
    TSNode user = c.parent();
    if (is(user, "expression_statement")) {
      TSNode statement = user;
      c.up();
      remove_statement(statement, c.parent());
    } else {
      replace(use.target, "void 0");
    }
  }

  // Whether c.node begins a statement, an arrow body or an `export default`
  // value, where `{`, `function` and `class` would read differently.
  bool starts_statement(AncestorCursor c) const {
    uint32_t at = node::start(c.node);
    TSNode below = c.node;
    for (std::size_t i = c.next; i < c.ancestors->size(); ++i) {
      TSNode a = (*c.ancestors)[i];
      if (is(a, "arrow_function") && same(field(a, "body"), below)) return true;
      if (is(a, "export_statement") && same(field(a, "value"), below)) return true;
      if (node::start(a) != at) return false;
      if (is(a, "expression_statement")) return true;
      below = a;
    }
    return c.truncated;  // unknown above: parentheses are the safe side
  }

  // A cursor on the parent that c.parent() just returned.
  static AncestorCursor above(AncestorCursor c) {
    c.up();
    return c;
  }

  // `import.meta.hot?.data.x.y`: with import.meta.hot undefined the optional
  // chain short-circuits as a whole, so the whole chain is `undefined`, not
  // `{}.x.y` (HMR-SPEC 1.1). A chain ends at parentheses or at anything that
  // is not a member, subscript or call on it.
  void fold_optional_data(AncestorCursor c) {
    for (;;) {
      TSNode end = c.node;
      AncestorCursor at_end = c;
      TSNode parent = c.parent();
      if (ts_node_is_null(parent)) break;
      // parent() steps over wrappers; parentheses (or a `<T>` cast) end the
      // chain, a TypeScript `!` does not.
      if (node::start(c.node) != node::start(end)) {
        c = at_end;
        break;
      }
      bool continues = ((is(parent, "member_expression") || is(parent, "subscript_expression")) &&
                        same(field(parent, "object"), c.node)) ||
                       (is(parent, "call_expression") && same(field(parent, "function"), c.node));
      if (!continues) break;
      c.up();
    }
    replace(c.node, "void 0");
  }

  void fold_data(const HotUse& use) {
    AncestorCursor c = use.at_hot;
    c.parent();
    c.up();  // import.meta.hot.data
    if (!ts_node_is_null(field(c.node, "optional_chain"))) return fold_optional_data(c);
    AncestorCursor at_data = c;
    TSNode user = c.parent();
    if ((is(user, "member_expression") || is(user, "subscript_expression")) &&
        same(field(user, "object"), c.node)) {
      c.up();
      TSNode assignment = c.parent();
      if (is(assignment, "augmented_assignment_expression") &&
          same(field(assignment, "left"), c.node)) {
        std::string_view op = node::text(field(assignment, "operator"), text_);
        if (op == "?\?=" || op == "||=") {
          return keep_only(assignment, field(assignment, "right"), starts_statement(above(c)));
        }
        if (op == "&&=") return replace(assignment, "void 0");
      }
    }
    replace(use.target, starts_statement(at_data) ? "({})" : "{}");
  }

  void fold_test(const HotUse& use) {
    AncestorCursor c = use.at_hot;
    Folded value{"void 0", false, true};
    TSNode folded = use.hot;  // what `value` stands for, without wrappers
    bool first = true;
    for (;;) {
      TSNode parent = c.parent();
      if (ts_node_is_null(parent)) break;
      std::string_view t = ts_node_type(parent);
      if (t == "unary_expression") {
        std::string_view op = node::text(field(parent, "operator"), text_);
        if (op == "!") {
          value = {value.truthy ? "false" : "true", !value.truthy, false};
        } else if (op == "typeof" && first) {
          value = {"\"undefined\"", true, false};
        } else {
          break;
        }
      } else if (t == "binary_expression" && same(field(parent, "left"), c.node)) {
        std::string_view op = node::text(field(parent, "operator"), text_);
        bool keep_right = (op == "&&" && value.truthy) || (op == "||" && !value.truthy) ||
                          (op == "??" && value.nullish);
        if (op != "&&" && op != "||" && op != "??") break;
        c.up();
        if (keep_right) return keep_only(parent, field(parent, "right"), starts_statement(c));
        folded = parent;
        first = false;
        continue;  // the constant itself is the result
      } else if (t == "ternary_expression" && same(field(parent, "condition"), c.node)) {
        return keep_only(parent, field(parent, value.truthy ? "consequence" : "alternative"),
                         starts_statement(above(c)));
      } else if (t == "if_statement" && same(field(parent, "condition"), c.node)) {
        return fold_if(parent, value.truthy, c);
      } else if (t == "expression_statement") {
        c.up();
        return remove_statement(parent, c.parent());
      } else {
        break;
      }
      first = false;
      c.up();
      folded = parent;
    }
    replace(folded, value.literal);
  }

  // `if (test) a else b` with a known test keeps a or b as they are, braces
  // and all, so block scoping does not change; with nothing to keep it goes.
  void fold_if(TSNode statement, bool truthy, AncestorCursor c) {
    TSNode keep = field(statement, truthy ? "consequence" : "alternative");
    if (is(keep, "else_clause")) keep = ts_node_named_child(keep, 0);
    if (!ts_node_is_null(keep)) return keep_only(statement, keep, false);  // a statement
    c.up();
    remove_statement(statement, c.parent());
  }

  std::string_view text_;
  EditBuffer& edits_;
  std::vector<Span> dead_;  // removed ranges, disjoint, by start
};

}  // namespace

void remove_hot_uses(const HotUses& uses, std::string_view text, EditBuffer& edits) {
  Remover(text, edits).run(uses);
}

}  // namespace hmrc
