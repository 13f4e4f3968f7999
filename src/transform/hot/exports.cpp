#include "transform/hot/exports.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <map>
#include <set>
#include <vector>

#include "analysis/node_util.hpp"
#include "parser/tree.hpp"

namespace hmrc {
namespace {

constexpr std::string_view kDefaultLocal = "__hmrc_default";
constexpr std::string_view kNameFix =
    "Object.defineProperty(__hmrc_default, \"name\", { value: \"default\", configurable: true });";

std::string js_string(std::string_view s) { return boost::json::serialize(boost::json::string(s)); }

// The direct children of a node (one level: no recursion on nesting).
std::vector<TSNode> children(TSNode n) {
  std::vector<TSNode> out;
  TreeCursor cursor(n);
  if (!cursor.first_child()) return out;
  do out.push_back(cursor.node());
  while (cursor.next_sibling());
  return out;
}

TSNode child_of_type(TSNode n, std::string_view type) {
  for (TSNode c : children(n)) {
    if (node::is(c, type)) return c;
  }
  return TSNode{};
}

// Strips parentheses and TypeScript wrappers (`(x)`, `x!`, `x as T`).
TSNode unwrap(TSNode n) {
  while (node::is(n, "parenthesized_expression") || node::is(n, "non_null_expression") ||
         node::is(n, "as_expression") || node::is(n, "satisfies_expression")) {
    if (ts_node_named_child_count(n) == 0) break;
    n = ts_node_named_child(n, 0);
  }
  return n;
}

// Names bound by a declaration name or assignment target: `a`, `[a, ...b]`,
// `{ a, b: c = 1 }`. Default values, keys and member targets bind nothing.
void bound_names(TSNode target, std::string_view text, std::vector<std::string_view>& out) {
  std::vector<TSNode> stack{unwrap(target)};
  while (!stack.empty()) {
    TSNode n = stack.back();
    stack.pop_back();
    if (ts_node_is_null(n)) continue;
    std::string_view type = ts_node_type(n);
    if (type == "identifier" || type == "shorthand_property_identifier_pattern") {
      out.push_back(node::text(n, text));
    } else if (type == "array_pattern" || type == "object_pattern" || type == "rest_pattern") {
      uint32_t count = ts_node_named_child_count(n);
      for (uint32_t i = count; i-- > 0;) stack.push_back(ts_node_named_child(n, i));
    } else if (type == "pair_pattern") {
      stack.push_back(node::field(n, "value"));
    } else if (type == "assignment_pattern" || type == "object_assignment_pattern") {
      stack.push_back(node::field(n, "left"));
    } else if (type == "parenthesized_expression" || type == "non_null_expression") {
      stack.push_back(unwrap(n));
    }
  }
}

std::string_view export_name(TSNode n, std::string_view text) {
  std::string_view s = node::text(n, text);
  if (node::is(n, "string") && s.size() >= 2) return s.substr(1, s.size() - 2);
  return s;
}

struct Binding {
  std::vector<std::string> exported_as;
  bool assignable_by_module = true;  // false for const: only a shadowing name can be written
};

class Planner {
 public:
  Planner(std::string_view text, EditBuffer& edits) : text_(text), edits_(edits) {}

  DevExports run(TSNode root, const Analysis& analysis) {
    std::map<std::string_view, TSNode>
        top_const;  // const declarations, to make their names assignable
    std::vector<TSNode> statements = children(root);
    for (TSNode s : statements) record_declaration(s, top_const);
    for (TSNode s : statements) {
      if (node::is(s, "export_statement")) plan_export(s);
    }
    for (auto& [local, binding] : bindings_) {
      if (binding.exported_as.empty()) continue;
      auto it = top_const.find(local);
      if (it != top_const.end()) to_let(it->second);
    }
    for (TSNode d : converted_) {
      TSNode keyword = ts_node_child(d, 0);
      edits_.replace(node::start(keyword), node::end(keyword), "let");
    }
    forward_writes(analysis);
    return finish();
  }

 private:
  // Remembers what a top-level statement declares, so `export { a }` knows
  // whether `a` is a binding of this module (patchable) or an import (not).
  void record_declaration(TSNode s, std::map<std::string_view, TSNode>& top_const) {
    TSNode decl = s;
    if (node::is(s, "export_statement")) decl = node::field(s, "declaration");
    if (ts_node_is_null(decl)) return;
    std::string_view type = ts_node_type(decl);
    if (type == "interface_declaration" || type == "type_alias_declaration") {
      TSNode name = node::field(decl, "name");
      if (!ts_node_is_null(name)) type_names_.insert(node::text(name, text_));
    } else if (type == "lexical_declaration" || type == "variable_declaration") {
      bool is_const = type == "lexical_declaration" && node::is(ts_node_child(decl, 0), "const");
      for (TSNode d : children(decl)) {
        if (!node::is(d, "variable_declarator")) continue;
        std::vector<std::string_view> names;
        bound_names(node::field(d, "name"), text_, names);
        for (auto name : names) {
          bindings_[name].assignable_by_module = !is_const;
          if (is_const) top_const[name] = decl;
        }
      }
    } else if (type == "function_declaration" || type == "generator_function_declaration" ||
               type == "class_declaration" || type == "abstract_class_declaration") {
      TSNode name = node::field(decl, "name");
      if (!ts_node_is_null(name)) bindings_[node::text(name, text_)];
    }
  }

  void to_let(TSNode declaration) {
    if (std::find_if(converted_.begin(), converted_.end(),
                     [&](TSNode d) { return node::same(d, declaration); }) == converted_.end()) {
      converted_.push_back(declaration);
    }
  }

  void plan_export(TSNode s) {
    if (!ts_node_is_null(node::field(s, "source"))) return;  // a re-export
    bool is_default = !ts_node_is_null(child_of_type(s, "default"));
    TSNode decl = node::field(s, "declaration");
    TSNode value = node::field(s, "value");
    if (!ts_node_is_null(decl)) {
      std::string_view type = ts_node_type(decl);
      if (type == "lexical_declaration" || type == "variable_declaration") {
        for (TSNode d : children(decl)) {
          if (!node::is(d, "variable_declarator")) continue;
          std::vector<std::string_view> names;
          bound_names(node::field(d, "name"), text_, names);
          for (auto name : names) bindings_[name].exported_as.emplace_back(name);
        }
        if (type == "lexical_declaration" && node::is(ts_node_child(decl, 0), "const"))
          to_let(decl);
      } else if (type == "function_declaration" || type == "generator_function_declaration" ||
                 type == "class_declaration" || type == "abstract_class_declaration") {
        TSNode name = node::field(decl, "name");
        if (ts_node_is_null(name)) return;
        std::string_view local = node::text(name, text_);
        bindings_[local].exported_as.emplace_back(is_default ? "default" : local);
      }
      return;  // TypeScript-only declarations export no value
    }
    if (!ts_node_is_null(value) && is_default) {
      plan_default_value(s, value);
      return;
    }
    TSNode clause = child_of_type(s, "export_clause");
    if (ts_node_is_null(clause)) return;
    for (TSNode spec : children(clause)) {
      if (!node::is(spec, "export_specifier")) continue;
      TSNode name = node::field(spec, "name");
      TSNode alias = node::field(spec, "alias");
      std::string_view local = node::text(name, text_);
      auto it = bindings_.find(local);
      if (it == bindings_.end() || node::is(name, "string")) continue;  // an import
      it->second.exported_as.emplace_back(
          export_name(ts_node_is_null(alias) ? name : alias, text_));
    }
  }

  // `export default function () {}` stays a hoisted declaration and gets a
  // name; any other value becomes `let __hmrc_default = value`.
  void plan_default_value(TSNode s, TSNode value) {
    std::string_view type = ts_node_type(value);
    // `export default I` of an interface or type alias is erased by the
    // TypeScript stage; there is nothing to patch.
    if (type == "identifier" && type_names_.contains(node::text(value, text_)) &&
        !bindings_.contains(node::text(value, text_))) {
      return;
    }
    bool anonymous_declaration = (type == "function_expression" || type == "generator_function" ||
                                  type == "function" || type == "class") &&
                                 ts_node_is_null(node::field(value, "name"));
    // Where the name goes; a shape this pass does not know is left as it is
    // (its default export is then not patched, never broken).
    if (anonymous_declaration) {
      uint32_t at = 0;
      for (TSNode c : children(value)) {
        if (node::is(c, "class") || node::is(c, "function") || node::is(c, "*")) at = node::end(c);
        if (ts_node_is_named(c)) break;
      }
      if (at == 0) return;
      bindings_[kDefaultLocal].exported_as.emplace_back("default");
      edits_.insert_left(at, fmt::format(" {}", kDefaultLocal));
      if (type == "class") {
        edits_.insert_left(node::end(s), std::string(kNameFix));
      } else {
        hoisted_name_fix_ = true;  // a function declaration is hoisted: fixed in the header
      }
      return;
    }
    TSNode export_keyword = child_of_type(s, "export");
    TSNode default_keyword = child_of_type(s, "default");
    if (ts_node_is_null(export_keyword) || ts_node_is_null(default_keyword)) return;
    bindings_[kDefaultLocal].exported_as.emplace_back("default");
    edits_.replace(node::start(export_keyword), node::end(export_keyword),
                   fmt::format("let {}", kDefaultLocal));
    edits_.replace(node::start(default_keyword), node::end(default_keyword), "=");
    default_reexport_ = true;
    TSNode inner = unwrap(value);
    std::string_view inner_type = ts_node_type(inner);
    bool gets_default_name =
        inner_type == "arrow_function" ||
        ((inner_type == "function_expression" || inner_type == "generator_function" ||
          inner_type == "class" || inner_type == "function") &&
         ts_node_is_null(node::field(inner, "name")));
    if (gets_default_name) {
      std::string_view stmt = node::text(s, text_);
      edits_.insert_left(node::end(s),
                         fmt::format("{}{}", stmt.ends_with(";") ? "" : ";", kNameFix));
    }
  }

  // Each write whose target names an exported, assignable binding reports it.
  void forward_writes(const Analysis& analysis) {
    std::map<std::string_view, const Binding*> tracked;
    for (const auto& [local, binding] : bindings_) {
      if (!binding.exported_as.empty() && binding.assignable_by_module) tracked[local] = &binding;
    }
    if (tracked.empty()) return;
    std::vector<std::pair<uint32_t, std::string>> closings;  // in document order of openings
    for (TSNode w : analysis.writes) {
      std::string_view type = ts_node_type(w);
      TSNode target =
          type == "update_expression" ? node::field(w, "argument") : node::field(w, "left");
      if (type == "for_in_statement" && !ts_node_is_null(node::field(w, "kind"))) continue;
      std::vector<std::string_view> names;
      bound_names(target, text_, names);
      std::string reported;
      std::set<std::string_view> seen;
      for (auto name : names) {
        auto it = tracked.find(name);
        if (it == tracked.end() || !seen.insert(name).second) continue;
        for (const auto& exported : it->second->exported_as) reported += ", " + js_string(exported);
      }
      if (reported.empty()) continue;
      if (type == "for_in_statement") {
        // `for (x of xs)` writes x each time round: report it at the top of the body.
        TSNode body = node::field(w, "body");
        edits_.insert_right(node::start(body), fmt::format("{{ __hmrc_hot.w(0{});", reported));
        closings.emplace_back(node::end(body), "}");
      } else {
        edits_.insert_right(node::start(w), "__hmrc_hot.w(");
        closings.emplace_back(node::end(w), reported + ")");
      }
    }
    // Nested writes close inside out: the inner one was opened last.
    for (auto it = closings.rbegin(); it != closings.rend(); ++it) {
      edits_.insert_left(it->first, std::move(it->second));
    }
  }

  DevExports finish() {
    DevExports out;
    std::string cases;
    for (const auto& [local, binding] : bindings_) {
      for (const auto& exported : binding.exported_as) {
        cases += fmt::format("case {}: {} = __hmrc_v; break; ", js_string(exported), local);
      }
    }
    if (!cases.empty()) {
      out.has_setter = true;
      out.trailer = fmt::format(
          "function __hmrc_set(__hmrc_n, __hmrc_v) {{ switch (__hmrc_n) {{ {}}} }}", cases);
    }
    if (default_reexport_) out.trailer += fmt::format("export {{ {} as default }};", kDefaultLocal);
    if (hoisted_name_fix_) out.header += kNameFix;
    return out;
  }

  std::string_view text_;
  EditBuffer& edits_;
  std::map<std::string_view, Binding> bindings_;  // top-level bindings of this module
  std::vector<TSNode> converted_;                 // const declarations that become let
  bool default_reexport_ = false;
  std::set<std::string_view> type_names_;  // interfaces and type aliases declared at the top
  bool hoisted_name_fix_ = false;
};

}  // namespace

DevExports rewrite_dev_exports(TSNode root, const Analysis& analysis, std::string_view text,
                               EditBuffer& edits) {
  return Planner(text, edits).run(root, analysis);
}

}  // namespace hmrc
