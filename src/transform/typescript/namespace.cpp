#include "transform/typescript/namespace.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cctype>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "analysis/node_util.hpp"
#include "parser/tree.hpp"

namespace hmrc {
namespace {

using ts::K;

// An exported variable of a namespace body.
struct Variable {
  TSNode keyword;      // `export`
  TSNode declaration;  // lexical_declaration or variable_declaration
  TSNode declarator;
  TSNode name_node;
  std::string name;
  bool is_const;
  bool shadowed;  // the body declares the name again somewhere
};

class NamespaceCompiler {
 public:
  NamespaceCompiler(const ts::Facts& facts, const ts::Syntax& syn, TsEdits& edits,
                    std::vector<Diagnostic>& diagnostics)
      : facts_(facts), syn_(syn), edits_(edits), text_(edits.text()), diagnostics_(diagnostics) {}

  void run() {
    for (const ts::NamespaceDecl& n : facts_.namespaces) compile(n);
  }

 private:
  void compile(const ts::NamespaceDecl& n) {
    // `namespace A.B.C {}` is `A`, with `B` exported in it and `C` in `B`.
    std::vector<std::string> parts =
        split_dotted(node::text(ts_node_child_by_field_id(n.node, syn_.fields.name), text_));
    const std::string& outer = parts.front();
    const std::string& name = parts.back();
    TSNode body = ts_node_child_by_field_id(n.node, syn_.fields.body);
    if (ts_node_is_null(body)) return;
    std::string full = fmt::format("{}", fmt::join(parts, "."));
    auto key = std::make_pair(ts_node_start_byte(n.list), full);
    auto [it, first] = exports_.try_emplace(key);
    for (const std::string& earlier : it->second) {
      if (mentions(body, earlier)) {
        error(n.node, fmt::format("`{}` is exported by an earlier block of this namespace and "
                                  "used in this one: not supported yet",
                                  earlier));
        return;
      }
    }
    std::string parent;
    if (n.parent >= 0) {
      const auto& p = facts_.namespaces[static_cast<std::size_t>(n.parent)];
      parent = split_dotted(node::text(ts_node_child_by_field_id(p.node, syn_.fields.name), text_))
                   .back();
    }

    // Header: from the statement (nested or not exported) or the namespace
    // keyword (`export namespace` at the top stays an export of the var).
    // A function or class of the same name already declares (and exports)
    // it: the namespace only adds properties, so `export` goes.
    bool declared = declared_as_value(n.list, outer);
    bool keep_export = n.exported && parent.empty() && !declared;
    uint32_t header_start = ts_node_start_byte(keep_export ? n.node : n.statement);
    std::string header;
    if (first && !declared) {
      header = fmt::format("{} {}; ", parent.empty() ? "var" : "let", outer);
    } else if (edits_.needs_semicolon_before(header_start)) {
      header += ';';
    }
    if (!first && keep_export) {  // `export var N` twice would export N twice
      header_start = ts_node_start_byte(n.statement);
    }
    header += fmt::format("(function ({}) {{", outer);
    for (std::size_t i = 1; i < parts.size(); ++i)
      header += fmt::format(" let {0}; (function ({0}) {{", parts[i]);
    edits_.replace(header_start, ts_node_start_byte(body) + 1, std::move(header));

    uint32_t count = ts_node_named_child_count(body);
    std::vector<Variable> variables;
    for (uint32_t i = 0; i < count; ++i) {
      TSNode s = ts_node_named_child(body, i);
      if (syn_.kind(s) == K::export_statement) export_member(s, name, it->second, variables);
    }
    if (!variables.empty()) export_variables(body, name, variables);

    uint32_t close = ts_node_end_byte(body) - 1;
    std::string closing;
    for (std::size_t i = parts.size() - 1; i > 0; --i)
      closing += fmt::format("}})({0} = {1}.{0} || ({1}.{0} = {{}})); ", parts[i], parts[i - 1]);
    std::string target = n.exported && !parent.empty()
                             ? fmt::format("{0} = {1}.{0} || ({1}.{0} = {{}})", outer, parent)
                             : fmt::format("{0} || ({0} = {{}})", outer);
    edits_.replace(close, close + 1, fmt::format("{}}})({});", closing, target));
  }

  static std::vector<std::string> split_dotted(std::string_view dotted) {
    std::vector<std::string> parts(1);
    for (char c : dotted) {
      if (c == '.')
        parts.emplace_back();
      else if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        parts.back() += c;
    }
    return parts;
  }

  // Whether `export` in the namespace body was compiled into a property.
  bool export_member(TSNode s, const std::string& ns, std::vector<std::string>& names,
                     std::vector<Variable>& variables) {
    TSNode decl = ts_node_child_by_field_id(s, syn_.fields.declaration);
    if (ts_node_is_null(decl)) {
      for (uint32_t i = 0; i < ts_node_named_child_count(s); ++i) {
        if (syn_.kind(ts_node_named_child(s, i)) == K::import_alias) {
          error(s, "`export import` in a namespace is not supported yet");
          return false;
        }
      }
      return false;  // a removed `export type`
    }
    K k = syn_.kind(decl);
    if (k == K::interface_declaration || k == K::type_alias_declaration ||
        k == K::ambient_declaration || k == K::function_signature)
      return false;  // blanked by typescript/erase
    TSNode kw = ts_node_child(s, 0);
    // `@d export class` (legacy decorators may come first): the keyword itself.
    for (uint32_t i = 0; i < ts_node_child_count(s); ++i)
      if (syn_.kind(ts_node_child(s, i)) == K::t_export) kw = ts_node_child(s, i);
    switch (k) {
      case K::function_declaration:
      case K::generator_function_declaration:
      case K::class_declaration:
      case K::abstract_class_declaration: {
        TSNode name = ts_node_child_by_field_id(decl, syn_.fields.name);
        if (ts_node_is_null(name)) return false;
        std::string n(node::text(name, text_));
        edits_.blank(ts_node_start_byte(kw), ts_node_end_byte(kw));
        edits_.insert_left(ts_node_end_byte(decl), fmt::format(" {0}.{1} = {1};", ns, n));
        names.push_back(std::move(n));
        return true;
      }
      case K::enum_declaration: {
        // ts_enum compiles the enum in place; it becomes a property after.
        TSNode name = ts_node_child_by_field_id(decl, syn_.fields.name);
        if (ts_node_is_null(name)) return false;
        std::string n(node::text(name, text_));
        edits_.blank(ts_node_start_byte(kw), ts_node_end_byte(kw));
        edits_.insert_left(ts_node_end_byte(decl), fmt::format(" {0}.{1} = {1};", ns, n));
        names.push_back(std::move(n));
        return true;
      }
      case K::lexical_declaration:
      case K::variable_declaration: {
        uint32_t n = ts_node_named_child_count(decl);
        for (uint32_t i = 0; i < n; ++i) {
          TSNode d = ts_node_named_child(decl, i);
          if (syn_.kind(d) != K::variable_declarator) continue;
          TSNode name = ts_node_child_by_field_id(d, syn_.fields.name);
          if (ts_node_is_null(name) || syn_.kind(name) != K::identifier) {
            error(d, "exported destructuring in a namespace is not supported yet");
            return false;
          }
        }
        bool is_const = node::text(ts_node_child(decl, 0), text_) == "const";
        for (uint32_t i = 0; i < n; ++i) {
          TSNode d = ts_node_named_child(decl, i);
          if (syn_.kind(d) != K::variable_declarator) continue;
          TSNode name = ts_node_child_by_field_id(d, syn_.fields.name);
          variables.push_back(
              {kw, decl, d, name, std::string(node::text(name, text_)), is_const, false});
          names.emplace_back(node::text(name, text_));
        }
        return true;
      }
      case K::internal_module:
      case K::module:
      case K::expression_statement: {
        // compiled as a nested namespace
        TSNode m = k == K::expression_statement && ts_node_named_child_count(decl) == 1
                       ? ts_node_named_child(decl, 0)
                       : decl;
        TSNode name = ts_node_child_by_field_id(m, syn_.fields.name);
        if (ts_node_is_null(name)) break;
        names.emplace_back(node::text(name, text_));
        return true;
      }
      default:
        break;
    }
    error(s,
          "this export in a namespace is not supported yet (only variables, functions, classes, "
          "enums and namespaces)");
    return false;
  }

  // Exported variables become properties, as tsc compiles them:
  // `export let a = 1` is `N.a = 1`, and every reference to `a` in the body
  // is `N.a`, so a write from outside (`N.a = 2`) is seen inside. A name that
  // the body also declares (a parameter, a nested variable, a pattern) would
  // need scopes: a `const` then keeps a local beside the property
  // (`const a = N.a = 1`, equal unless `N.a` is written from outside), a
  // `let` or `var` is reported.
  void export_variables(TSNode body, const std::string& ns, std::vector<Variable>& variables) {
    std::vector<std::pair<TSNode, std::size_t>> references;  // node, index into variables
    scan_references(body, variables, references);
    auto whole = [&](const Variable& v) {
      for (const Variable& w : variables)
        if (w.declaration.id == v.declaration.id && w.shadowed) return false;
      return true;
    };
    for (const Variable& v : variables) {
      if (v.shadowed && !v.is_const) {
        error(v.declarator,
              fmt::format("exported `{}` is declared again inside this namespace: not supported "
                          "yet",
                          v.name));
        return;
      }
    }
    const void* done = nullptr;
    for (const Variable& v : variables) {
      TSNode value = ts_node_child_by_field_id(v.declarator, syn_.fields.value);
      if (whole(v)) {
        // `export let a = 1, b` is `N.a = 1, N.b`: the keywords go.
        if (done != v.declaration.id) {
          edits_.blank(ts_node_start_byte(v.keyword), ts_node_end_byte(v.keyword));
          TSNode kind = ts_node_child(v.declaration, 0);
          edits_.blank(ts_node_start_byte(kind), ts_node_end_byte(kind));
          done = v.declaration.id;
        }
        edits_.insert_right(ts_node_start_byte(v.name_node), ns + ".");
      } else {
        if (done != v.declaration.id) {
          edits_.blank(ts_node_start_byte(v.keyword), ts_node_end_byte(v.keyword));
          done = v.declaration.id;
        }
        if (!ts_node_is_null(value))
          edits_.insert_right(ts_node_start_byte(value), fmt::format("{}.{} = ", ns, v.name));
      }
    }
    for (const auto& [node, index] : references) {
      if (!whole(variables[index])) continue;
      const std::string& name = variables[index].name;
      if (syn_.kind(node) == K::shorthand_property_identifier)
        edits_.replace(ts_node_start_byte(node), ts_node_end_byte(node),
                       fmt::format("{0}: {1}.{0}", name, ns));
      else
        edits_.insert_right(ts_node_start_byte(node), ns + ".");
    }
  }

  // Every use of the variables' names in the body, types and enums skipped;
  // a name in a declaring position marks its variable `shadowed`.
  void scan_references(TSNode body, std::vector<Variable>& variables,
                       std::vector<std::pair<TSNode, std::size_t>>& references) const {
    auto find = [&](std::string_view name) -> std::size_t {
      for (std::size_t i = 0; i < variables.size(); ++i)
        if (variables[i].name == name) return i;
      return variables.size();
    };
    std::vector<TSNode> ancestors;
    TreeCursor cursor(body);
    for (;;) {
      TSNode node = cursor.node();
      std::string_view type = ts_node_type(node);
      K k = syn_.kind(node);
      bool descend = !is_type_syntax(type);
      if (k == K::identifier || k == K::shorthand_property_identifier ||
          k == K::shorthand_property_identifier_pattern) {
        std::size_t i = find(node::text(node, text_));
        if (i < variables.size() && node.id != variables[i].name_node.id) {
          TSNode parent = ancestors.empty() ? TSNode{} : ancestors.back();
          if (k == K::shorthand_property_identifier_pattern || declares(parent, node) ||
              inside_enum(ancestors))
            variables[i].shadowed = true;
          else
            references.emplace_back(node, i);
        }
      }
      if (descend && cursor.first_child()) {
        ancestors.push_back(node);
        continue;
      }
      while (!cursor.next_sibling()) {
        if (!cursor.parent()) return;
        ancestors.pop_back();
      }
    }
  }

  static bool is_type_syntax(std::string_view type) {
    return type == "type_annotation" || type == "type_arguments" || type == "type_parameters" ||
           type == "type_alias_declaration" || type == "interface_declaration" ||
           type == "ambient_declaration" || type == "type_query" || type == "function_signature" ||
           type == "property_identifier" || type == "type_predicate_annotation" ||
           type == "asserts_annotation" ||
           (type.size() > 5 && type.substr(type.size() - 5) == "_type");
  }

  // Whether `id`, a child of `parent`, declares a name there.
  bool declares(TSNode parent, TSNode id) const {
    if (ts_node_is_null(parent)) return false;
    std::string_view t = ts_node_type(parent);
    if (t == "variable_declarator" || t == "function_declaration" || t == "function_expression" ||
        t == "generator_function_declaration" || t == "generator_function" ||
        t == "class_declaration" || t == "class" || t == "abstract_class_declaration" ||
        t == "enum_declaration" || t == "internal_module" || t == "module") {
      TSNode name = ts_node_child_by_field_id(parent, syn_.fields.name);
      return !ts_node_is_null(name) && name.id == id.id;
    }
    if (t == "assignment_pattern" || t == "object_assignment_pattern") {
      TSNode left = ts_node_child_by_field_id(parent, syn_.fields.left);
      return !ts_node_is_null(left) && left.id == id.id;
    }
    auto is_field = [&](TSFieldId f) {
      TSNode c = ts_node_child_by_field_id(parent, f);
      return !ts_node_is_null(c) && c.id == id.id;
    };
    if (t == "required_parameter" || t == "optional_parameter")
      return is_field(syn_.fields.pattern);
    if (t == "arrow_function" || t == "catch_clause") return is_field(syn_.fields.parameter);
    if (t == "pair_pattern") return is_field(syn_.fields.value);
    return t == "array_pattern" || t == "rest_pattern" || t == "import_specifier" ||
           t == "namespace_import" || t == "import_clause" || t == "formal_parameters" ||
           t == "import_alias";
  }

  static bool inside_enum(const std::vector<TSNode>& ancestors) {
    for (TSNode a : ancestors)
      if (std::string_view(ts_node_type(a)) == "enum_declaration") return true;
    return false;
  }

  // Whether `word` occurs in the node's text as a whole word: a cheap,
  // conservative stand-in for "refers to it".
  bool mentions(TSNode n, std::string_view word) const {
    std::string_view t = node::text(n, text_);
    auto is_word = [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
             static_cast<unsigned char>(c) >= 0x80;
    };
    for (std::size_t at = t.find(word); at != std::string_view::npos; at = t.find(word, at + 1)) {
      bool before = at > 0 && is_word(t[at - 1]);
      bool after = at + word.size() < t.size() && is_word(t[at + word.size()]);
      if (!before && !after) return true;
    }
    return false;
  }

  // `class N {}` or `function N() {}` before `namespace N` already declares N.
  bool declared_as_value(TSNode list, const std::string& name) const {
    uint32_t n = ts_node_named_child_count(list);
    for (uint32_t i = 0; i < n; ++i) {
      TSNode s = ts_node_named_child(list, i);
      if (syn_.kind(s) == K::export_statement) {
        TSNode d = ts_node_child_by_field_id(s, syn_.fields.declaration);
        if (!ts_node_is_null(d)) s = d;
      }
      K k = syn_.kind(s);
      if (k != K::class_declaration && k != K::abstract_class_declaration &&
          k != K::function_declaration && k != K::generator_function_declaration)
        continue;
      TSNode id = ts_node_child_by_field_id(s, syn_.fields.name);
      if (!ts_node_is_null(id) && node::text(id, text_) == name) return true;
    }
    return false;
  }

  void error(TSNode n, std::string message) {
    diagnostics_.push_back({codes::kTsNamespaceValues,
                            Severity::error,
                            {ts_node_start_byte(n), ts_node_end_byte(n)},
                            std::move(message),
                            {"rewrite the namespace as an ES module or an object"}});
  }

  const ts::Facts& facts_;
  const ts::Syntax& syn_;
  TsEdits& edits_;
  std::string_view text_;
  std::vector<Diagnostic>& diagnostics_;
  std::map<std::pair<uint32_t, std::string>, std::vector<std::string>> exports_;
};

}  // namespace

void compile_namespaces(const ts::Facts& facts, const ts::Syntax& syntax, TsEdits& edits,
                        std::vector<Diagnostic>& diagnostics) {
  if (facts.namespaces.empty()) return;
  NamespaceCompiler(facts, syntax, edits, diagnostics).run();
}

}  // namespace hmrc
