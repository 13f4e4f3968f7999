// One walk over a package file (see scan.hpp). The walk moves a cursor and
// keeps its own stack of ancestors, so nesting depth costs no native stack;
// the only recursion is folding a condition, bounded by kMaxFoldDepth.
#include "deps/scan.hpp"

#include <algorithm>
#include <cstring>
#include <set>

#include "parser/grammar.hpp"
#include "parser/tree.hpp"

namespace hmrc::deps {

namespace {

constexpr int kMaxFoldDepth = 16;
constexpr std::string_view kNodeEnv = "process.env.NODE_ENV";

struct Walker {
  std::string_view src;
  ScannedModule out;
  std::set<std::string> import_locals;
  std::set<std::string> shadowed;
  std::set<std::string> top_mutable;  // top-level let and var bindings
  std::vector<std::pair<Span, std::string>> writes;

  std::string_view text(TSNode n) const {
    return src.substr(ts_node_start_byte(n), ts_node_end_byte(n) - ts_node_start_byte(n));
  }
  static bool is(TSNode n, const char* type) { return std::strcmp(ts_node_type(n), type) == 0; }
  TSNode field(TSNode n, const char* name) const {
    return ts_node_child_by_field_name(n, name, static_cast<uint32_t>(std::strlen(name)));
  }

  // The value of a string literal without escapes; false for anything else.
  bool string_value(TSNode n, std::string& value) const {
    if (ts_node_is_null(n) || !is(n, "string")) return false;
    std::string_view t = text(n);
    if (t.size() < 2 || t.find('\\') != std::string_view::npos) return false;
    value = std::string(t.substr(1, t.size() - 2));
    return true;
  }

  // A constant string as NODE_ENV makes it: a literal or process.env.NODE_ENV.
  bool constant_string(TSNode n, std::string& value) const {
    while (!ts_node_is_null(n) && is(n, "parenthesized_expression") &&
           ts_node_named_child_count(n) == 1)
      n = ts_node_named_child(n, 0);
    if (ts_node_is_null(n)) return false;
    if (is(n, "member_expression") && text(n) == kNodeEnv) {
      value = "development";
      return true;
    }
    return string_value(n, value);
  }

  // -1 unknown, 0 false, 1 true: comparisons of NODE_ENV with strings, and
  // !, &&, || over them.
  int fold(TSNode n, int depth = 0) const {
    if (ts_node_is_null(n) || depth > kMaxFoldDepth) return -1;
    if (is(n, "parenthesized_expression"))
      return ts_node_named_child_count(n) == 1 ? fold(ts_node_named_child(n, 0), depth + 1) : -1;
    if (is(n, "unary_expression")) {
      TSNode op = field(n, "operator");
      if (ts_node_is_null(op) || text(op) != "!") return -1;
      int v = fold(field(n, "argument"), depth + 1);
      return v < 0 ? -1 : 1 - v;
    }
    if (is(n, "binary_expression")) {
      TSNode op_node = field(n, "operator");
      if (ts_node_is_null(op_node)) return -1;
      std::string_view op = text(op_node);
      if (op == "&&" || op == "||") {
        int l = fold(field(n, "left"), depth + 1), r = fold(field(n, "right"), depth + 1);
        if (op == "&&") return l == 0 || r == 0 ? 0 : (l == 1 && r == 1 ? 1 : -1);
        return l == 1 || r == 1 ? 1 : (l == 0 && r == 0 ? 0 : -1);
      }
      if (op != "===" && op != "==" && op != "!==" && op != "!=") return -1;
      std::string a, b;
      if (!constant_string(field(n, "left"), a) || !constant_string(field(n, "right"), b))
        return -1;
      bool equal = a == b;
      return (op == "===" || op == "==") == equal ? 1 : 0;
    }
    return -1;
  }

  void blank(TSNode n) { out.edits.push_back({ts_node_start_byte(n), ts_node_end_byte(n), ""}); }

  // Binding names in a declaration's name (an identifier or a pattern).
  void pattern_names(TSNode n, std::vector<std::string>& names) const {
    if (is(n, "identifier")) {
      names.emplace_back(text(n));
      return;
    }
    TreeCursor c(n);
    if (!c.first_child()) return;
    std::size_t depth = 1;
    while (depth > 0) {
      TSNode cur = c.node();
      const char* f = ts_tree_cursor_current_field_name(c.raw());
      bool is_key = f && std::strcmp(f, "key") == 0;
      bool is_default_value = f && std::strcmp(f, "right") == 0;
      if (!is_key && !is_default_value &&
          (is(cur, "identifier") || is(cur, "shorthand_property_identifier_pattern")))
        names.emplace_back(text(cur));
      if (!is_key && !is_default_value && c.first_child()) {
        ++depth;
        continue;
      }
      while (!c.next_sibling()) {
        if (!c.parent() || --depth == 0) return;
      }
    }
  }

  void import_statement(TSNode n) {
    EsImport imp;
    if (!string_value(field(n, "source"), imp.specifier)) return;
    uint32_t count = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < count; ++i) {
      TSNode clause = ts_node_named_child(n, i);
      if (!is(clause, "import_clause")) continue;
      uint32_t parts = ts_node_named_child_count(clause);
      for (uint32_t j = 0; j < parts; ++j) {
        TSNode part = ts_node_named_child(clause, j);
        if (is(part, "identifier")) {
          imp.bindings.push_back({std::string(text(part)), "default"});
        } else if (is(part, "namespace_import")) {
          if (ts_node_named_child_count(part) == 1)
            imp.bindings.push_back({std::string(text(ts_node_named_child(part, 0))), "*"});
        } else if (is(part, "named_imports")) {
          uint32_t specs = ts_node_named_child_count(part);
          for (uint32_t k = 0; k < specs; ++k) {
            TSNode spec = ts_node_named_child(part, k);
            if (!is(spec, "import_specifier")) continue;
            TSNode name = field(spec, "name"), alias = field(spec, "alias");
            std::string imported(text(name));
            if (is(name, "string")) string_value(name, imported);
            std::string local = ts_node_is_null(alias) ? imported : std::string(text(alias));
            imp.bindings.push_back({local, imported});
          }
        }
      }
    }
    for (const auto& b : imp.bindings) import_locals.insert(b.local);
    out.imports.push_back(std::move(imp));
    out.esm = true;
    blank(n);
  }

  std::string specifier_name(TSNode n) const {
    std::string s(text(n));
    if (is(n, "string")) string_value(n, s);
    return s;
  }

  // Returns whether to descend into the statement.
  bool export_statement(TSNode n) {
    out.esm = true;
    TSNode source = field(n, "source");
    TSNode declaration = field(n, "declaration");
    TSNode value = field(n, "value");
    int import_index = -1;
    if (!ts_node_is_null(source)) {
      EsImport imp;
      if (!string_value(source, imp.specifier)) {
        blank(n);
        return false;
      }
      out.imports.push_back(std::move(imp));
      import_index = static_cast<int>(out.imports.size() - 1);
    }
    uint32_t count = ts_node_named_child_count(n);
    bool clause = false;
    for (uint32_t i = 0; i < count; ++i) {
      TSNode c = ts_node_named_child(n, i);
      if (is(c, "export_clause")) {
        clause = true;
        uint32_t specs = ts_node_named_child_count(c);
        for (uint32_t k = 0; k < specs; ++k) {
          TSNode spec = ts_node_named_child(c, k);
          if (!is(spec, "export_specifier")) continue;
          TSNode name = field(spec, "name"), alias = field(spec, "alias");
          std::string local = specifier_name(name);
          std::string exported = ts_node_is_null(alias) ? local : specifier_name(alias);
          if (import_index >= 0)
            out.exports.push_back({exported, "", import_index, local});
          else
            out.exports.push_back({exported, local, -1, ""});
        }
      } else if (is(c, "namespace_export") && import_index >= 0) {
        clause = true;
        if (ts_node_named_child_count(c) == 1)
          out.exports.push_back({specifier_name(ts_node_named_child(c, 0)), "", import_index, "*"});
      }
    }
    if (import_index >= 0 && !clause) {
      out.star_exports.push_back(import_index);  // export * from
    }
    if (import_index >= 0 || clause) {
      blank(n);
      return false;
    }
    // export default ...
    bool is_default = false;
    for (uint32_t i = 0; i < ts_node_child_count(n); ++i)
      if (is(ts_node_child(n, i), "default")) is_default = true;
    if (!ts_node_is_null(declaration)) {
      out.edits.push_back({ts_node_start_byte(n), ts_node_start_byte(declaration), ""});
      std::vector<std::string> names;
      if (is(declaration, "lexical_declaration") || is(declaration, "variable_declaration")) {
        uint32_t k = ts_node_named_child_count(declaration);
        for (uint32_t i = 0; i < k; ++i) {
          TSNode d = ts_node_named_child(declaration, i);
          if (is(d, "variable_declarator")) pattern_names(field(d, "name"), names);
        }
      } else {
        TSNode name = field(declaration, "name");
        if (!ts_node_is_null(name)) names.emplace_back(text(name));
      }
      if (is_default && names.size() == 1) {
        out.exports.push_back({"default", names[0], -1, ""});
      } else if (is_default) {
        // An anonymous default declaration: give it a binding.
        out.edits.back().text = "var __hmrc_default = ";
        out.exports.push_back({"default", "__hmrc_default", -1, ""});
      } else {
        for (auto& name : names) out.exports.push_back({name, name, -1, ""});
      }
      return true;
    }
    if (!ts_node_is_null(value)) {
      TSNode name = field(value, "name");
      bool named_fn = (is(value, "function_expression") || is(value, "class") ||
                       is(value, "generator_function")) &&
                      !ts_node_is_null(name);
      if (named_fn) {
        // `export default function f() {}` declares f in the module.
        out.edits.push_back({ts_node_start_byte(n), ts_node_start_byte(value), ""});
        out.exports.push_back({"default", std::string(text(name)), -1, ""});
      } else {
        out.edits.push_back(
            {ts_node_start_byte(n), ts_node_start_byte(value), "var __hmrc_default = "});
        out.exports.push_back({"default", "__hmrc_default", -1, ""});
      }
      return true;
    }
    blank(n);
    return false;
  }

  void cjs_assignment(TSNode n, bool dead) {
    TSNode left = field(n, "left"), right = field(n, "right");
    if (ts_node_is_null(left) || ts_node_is_null(right)) return;
    std::string_view lt = text(left);
    if (lt == "module.exports") {
      if (is(right, "object")) {
        uint32_t k = ts_node_named_child_count(right);
        for (uint32_t i = 0; i < k; ++i) {
          TSNode p = ts_node_named_child(right, i);
          if (is(p, "shorthand_property_identifier")) {
            out.cjs_exports.emplace_back(text(p));
          } else if (is(p, "pair")) {
            TSNode key = field(p, "key");
            std::string name;
            if (is(key, "property_identifier"))
              out.cjs_exports.emplace_back(text(key));
            else if (string_value(key, name))
              out.cjs_exports.push_back(name);
          } else if (is(p, "spread_element") && !dead) {
            std::string spec;
            if (require_call(ts_node_named_child(p, 0), spec)) out.cjs_reexports.push_back(spec);
          }
        }
      } else if (!dead) {
        std::string spec;
        if (require_call(right, spec)) out.cjs_reexports.push_back(spec);
      }
      return;
    }
    if (is(left, "member_expression")) {
      TSNode object = field(left, "object"), property = field(left, "property");
      std::string_view ot = text(object);
      if ((ot == "exports" || ot == "module.exports") && !ts_node_is_null(property))
        out.cjs_exports.emplace_back(text(property));
    } else if (is(left, "subscript_expression")) {
      TSNode object = field(left, "object"), index = field(left, "index");
      std::string_view ot = text(object);
      std::string name;
      if ((ot == "exports" || ot == "module.exports") && string_value(index, name))
        out.cjs_exports.push_back(name);
    }
  }

  bool require_call(TSNode n, std::string& spec) const {
    if (ts_node_is_null(n) || !is(n, "call_expression")) return false;
    TSNode fn = field(n, "function"), args = field(n, "arguments");
    if (ts_node_is_null(fn) || ts_node_is_null(args) || text(fn) != "require") return false;
    if (ts_node_named_child_count(args) != 1) return false;
    return string_value(ts_node_named_child(args, 0), spec);
  }

  void call(TSNode n, bool dead) {
    TSNode fn = field(n, "function"), args = field(n, "arguments");
    if (ts_node_is_null(fn) || ts_node_is_null(args)) return;
    std::string_view ft = text(fn);
    bool is_import = is(fn, "import");
    if ((ft == "require" || is_import) && ts_node_named_child_count(args) == 1) {
      TSNode arg = ts_node_named_child(args, 0);
      std::string spec;
      if (string_value(arg, spec)) {
        Dependency d;
        d.specifier = spec;
        d.literal = {ts_node_start_byte(arg), ts_node_end_byte(arg)};
        d.call = {ts_node_start_byte(n), ts_node_end_byte(n)};
        d.dead = dead;
        d.dynamic = is_import;
        d.is_require = !is_import;
        out.requires_.push_back(std::move(d));
      }
      return;
    }
    if (ft == "Object.defineProperty" && ts_node_named_child_count(args) >= 2) {
      std::string_view target = text(ts_node_named_child(args, 0));
      std::string name;
      if ((target == "exports" || target == "module.exports") &&
          string_value(ts_node_named_child(args, 1), name))
        out.cjs_exports.push_back(name);
      return;
    }
    // TypeScript's and Babel's helpers: __exportStar(require("x"), exports).
    if ((ft == "__exportStar" || ft == "__export" || ft.ends_with(".__exportStar")) && !dead &&
        ts_node_named_child_count(args) >= 1) {
      std::string spec;
      if (require_call(ts_node_named_child(args, 0), spec)) out.cjs_reexports.push_back(spec);
    }
  }

  void note_write(TSNode n, TSNode target) {
    if (ts_node_is_null(target) || !is(target, "identifier")) return;
    writes.push_back({{ts_node_start_byte(n), ts_node_end_byte(n)}, std::string(text(target))});
  }

  static bool declares(const char* parent, const char* f) {
    auto eq = [](const char* a, const char* b) { return a && std::strcmp(a, b) == 0; };
    if (eq(f, "name") &&
        (eq(parent, "variable_declarator") || eq(parent, "function_declaration") ||
         eq(parent, "function_expression") || eq(parent, "generator_function_declaration") ||
         eq(parent, "generator_function") || eq(parent, "class_declaration") ||
         eq(parent, "class")))
      return true;
    if (eq(parent, "formal_parameters") || eq(parent, "array_pattern") ||
        eq(parent, "rest_pattern") || eq(parent, "object_pattern"))
      return true;
    if (eq(parent, "arrow_function") && eq(f, "parameter")) return true;
    if (eq(parent, "assignment_pattern") && eq(f, "left")) return true;
    if (eq(parent, "pair_pattern") && eq(f, "value")) return true;
    if (eq(parent, "catch_clause") && eq(f, "parameter")) return true;
    return false;
  }

  struct Frame {
    const char* type;
    int fold;  // if/ternary/&&/||: the condition's value, -1 unknown
    bool dead;
  };

  void walk(TSNode root) {
    // Imports first: they are hoisted, and uses before them must be known.
    uint32_t top = ts_node_named_child_count(root);
    for (uint32_t i = 0; i < top; ++i) {
      TSNode s = ts_node_named_child(root, i);
      if (is(s, "import_statement")) import_statement(s);
      if (is(s, "export_statement")) s = field(s, "declaration");
      if (ts_node_is_null(s)) continue;
      bool let = is(s, "lexical_declaration") && !ts_node_is_null(field(s, "kind")) &&
                 text(field(s, "kind")) == "let";
      if (!let && !is(s, "variable_declaration")) continue;
      std::vector<std::string> names;
      uint32_t k = ts_node_named_child_count(s);
      for (uint32_t j = 0; j < k; ++j) {
        TSNode d = ts_node_named_child(s, j);
        if (is(d, "variable_declarator")) pattern_names(field(d, "name"), names);
      }
      top_mutable.insert(names.begin(), names.end());
    }
    TreeCursor c(root);
    std::vector<Frame> stack;
    while (true) {
      TSNode n = c.node();
      const char* type = ts_node_type(n);
      const char* f = ts_tree_cursor_current_field_name(c.raw());
      bool dead = false;
      const char* parent = nullptr;
      if (!stack.empty()) {
        const Frame& p = stack.back();
        parent = p.type;
        dead = p.dead;
        if (p.fold >= 0 && f) {
          bool cons = std::strcmp(f, "consequence") == 0, alt = std::strcmp(f, "alternative") == 0;
          bool right = std::strcmp(f, "right") == 0;
          if (std::strcmp(p.type, "binary_expression") == 0) {
            // p.fold holds 0 for `false && x`, 1 for `true || x`: x is dead.
            if (right) dead = true;
          } else if ((cons && p.fold == 0) || (alt && p.fold == 1)) {
            dead = true;
          }
        }
      }
      bool descend = true;
      int fold_value = -1;
      if (std::strcmp(type, "import_statement") == 0) {
        descend = false;  // done above
      } else if (std::strcmp(type, "export_statement") == 0) {
        descend = export_statement(n);
      } else if (std::strcmp(type, "member_expression") == 0 && text(n) == kNodeEnv) {
        out.edits.push_back({ts_node_start_byte(n), ts_node_end_byte(n), "\"development\""});
        descend = false;
      } else if (std::strcmp(type, "if_statement") == 0) {
        fold_value = fold(field(n, "condition"));
      } else if (std::strcmp(type, "ternary_expression") == 0) {
        fold_value = fold(field(n, "condition"));
      } else if (std::strcmp(type, "binary_expression") == 0) {
        TSNode op = field(n, "operator");
        std::string_view o = ts_node_is_null(op) ? "" : text(op);
        int l = (o == "&&" || o == "||") ? fold(field(n, "left")) : -1;
        // Only the right operand can be dead: of `false && x`, `true || x`.
        if ((o == "&&" && l == 0) || (o == "||" && l == 1)) fold_value = l;
      } else if (std::strcmp(type, "call_expression") == 0) {
        call(n, dead);
      } else if (std::strcmp(type, "assignment_expression") == 0) {
        cjs_assignment(n, dead);
        note_write(n, field(n, "left"));
      } else if (std::strcmp(type, "augmented_assignment_expression") == 0) {
        note_write(n, field(n, "left"));
      } else if (std::strcmp(type, "update_expression") == 0) {
        note_write(n, field(n, "argument"));
      } else if (std::strcmp(type, "identifier") == 0) {
        std::string_view name = text(n);
        bool declaration = declares(parent, f);
        if (name == "process" && !declaration) out.uses_process = true;
        if (name == "global" && !declaration) out.uses_global = true;
        if (import_locals.count(std::string(name))) {
          if (declaration)
            shadowed.insert(std::string(name));
          else
            out.import_uses.push_back(
                {{ts_node_start_byte(n), ts_node_end_byte(n)}, std::string(name), false});
        }
      } else if (std::strcmp(type, "shorthand_property_identifier") == 0) {
        std::string name(text(n));
        if (import_locals.count(name))
          out.import_uses.push_back({{ts_node_start_byte(n), ts_node_end_byte(n)}, name, true});
        if (name == "process") out.uses_process = true;
        if (name == "global") out.uses_global = true;
      } else if (std::strcmp(type, "shorthand_property_identifier_pattern") == 0) {
        std::string name(text(n));
        if (import_locals.count(name)) shadowed.insert(name);
      }
      if (descend && c.first_child()) {
        stack.push_back({type, fold_value, dead});
        continue;
      }
      bool more = true;
      while (!c.next_sibling()) {
        if (!c.parent()) {
          more = false;
          break;
        }
        stack.pop_back();
      }
      if (!more) break;
    }
    // Writes to exported mutable bindings (a write to a shadowing inner
    // binding of the same name only costs a needless refresh).
    std::set<std::string> exported_mutable;
    for (const auto& e : out.exports)
      if (e.import_index < 0 && top_mutable.count(e.local)) exported_mutable.insert(e.local);
    for (const auto& [span, name] : writes)
      if (exported_mutable.count(name)) out.export_writes.push_back(span);
    // Uses of a shadowed name keep reading a snapshot (bundle.cpp): a use in
    // the inner scope is the inner binding.
    out.shadowed.assign(shadowed.begin(), shadowed.end());
    if (!shadowed.empty()) {
      out.import_uses.erase(
          std::remove_if(out.import_uses.begin(), out.import_uses.end(),
                         [&](const IdentifierUse& u) { return shadowed.count(u.name) != 0; }),
          out.import_uses.end());
    }
  }
};

}  // namespace

ScannedModule scan_module(std::string_view source) {
  Walker w{source, {}, {}, {}};
  Parser parser;
  Tree tree = parser.parse(source, language_for(Loader::js));
  if (!tree) {
    w.out.syntax_errors = true;
    return std::move(w.out);
  }
  w.out.syntax_errors = ts_node_has_error(tree.root());
  w.walk(tree.root());
  std::sort(w.out.edits.begin(), w.out.edits.end(),
            [](const Replacement& a, const Replacement& b) { return a.begin < b.begin; });
  return std::move(w.out);
}

}  // namespace hmrc::deps
