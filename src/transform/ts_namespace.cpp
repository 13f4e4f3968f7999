#include "ts_namespace.hpp"

#include <fmt/format.h>

#include <cctype>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "node_util.hpp"

namespace hmrc {
namespace {

using ts::K;

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
    std::string name(node::text(ts_node_child_by_field_id(n.node, syn_.fields.name), text_));
    TSNode body = ts_node_child_by_field_id(n.node, syn_.fields.body);
    if (ts_node_is_null(body)) return;
    auto key = std::make_pair(ts_node_start_byte(n.list), name);
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
      parent = std::string(node::text(ts_node_child_by_field_id(p.node, syn_.fields.name), text_));
    }

    // Header: from the statement (nested or not exported) or the namespace
    // keyword (`export namespace` at the top stays an export of the var).
    bool keep_export = n.exported && parent.empty();
    uint32_t header_start = ts_node_start_byte(keep_export ? n.node : n.statement);
    std::string header;
    if (first && !declared_as_value(n.list, name)) {
      header = fmt::format("{} {}; ", parent.empty() ? "var" : "let", name);
    } else if (edits_.needs_semicolon_before(header_start)) {
      header += ';';
    }
    if (!first && keep_export) {  // `export var N` twice would export N twice
      header_start = ts_node_start_byte(n.statement);
    }
    header += fmt::format("(function ({}) {{", name);
    edits_.replace(header_start, ts_node_start_byte(body) + 1, std::move(header));

    uint32_t count = ts_node_named_child_count(body);
    for (uint32_t i = 0; i < count; ++i) {
      TSNode s = ts_node_named_child(body, i);
      if (syn_.kind(s) == K::export_statement) export_member(s, name, it->second);
    }

    uint32_t close = ts_node_end_byte(body) - 1;
    std::string target = n.exported && !parent.empty()
                             ? fmt::format("{0} = {1}.{0} || ({1}.{0} = {{}})", name, parent)
                             : fmt::format("{0} || ({0} = {{}})", name);
    edits_.replace(close, close + 1, fmt::format("}})({});", target));
  }

  // Whether `export` in the namespace body was compiled into a property.
  bool export_member(TSNode s, const std::string& ns, std::vector<std::string>& names) {
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
      return false;  // blanked by ts_erase
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
      case K::lexical_declaration: {
        if (node::text(ts_node_child(decl, 0), text_) != "const") break;
        uint32_t n = ts_node_named_child_count(decl);
        for (uint32_t i = 0; i < n; ++i) {
          TSNode d = ts_node_named_child(decl, i);
          if (syn_.kind(d) != K::variable_declarator) continue;
          TSNode name = ts_node_child_by_field_id(d, syn_.fields.name);
          TSNode value = ts_node_child_by_field_id(d, syn_.fields.value);
          if (ts_node_is_null(name) || syn_.kind(name) != K::identifier || ts_node_is_null(value)) {
            error(d, "exported destructuring in a namespace is not supported yet");
            return false;
          }
        }
        edits_.blank(ts_node_start_byte(kw), ts_node_end_byte(kw));
        for (uint32_t i = 0; i < n; ++i) {
          TSNode d = ts_node_named_child(decl, i);
          if (syn_.kind(d) != K::variable_declarator) continue;
          TSNode name = ts_node_child_by_field_id(d, syn_.fields.name);
          TSNode value = ts_node_child_by_field_id(d, syn_.fields.value);
          edits_.insert_right(ts_node_start_byte(value),
                              fmt::format("{}.{} = ", ns, node::text(name, text_)));
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
          "this export in a namespace is not supported yet (only const, function, class "
          "and namespace)");
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
