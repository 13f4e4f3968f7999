#include "transform/refresh/scope.hpp"

#include "analysis/node_util.hpp"
#include "transform/refresh/facts.hpp"

namespace hmrc::refresh {
namespace {

// Does a binding pattern (`x`, `[a, {b: c = d}]`, `...rest`) bind `name`?
// Default values and type annotations are skipped: they bind nothing.
bool pattern_binds(TSNode pattern, std::string_view name, std::string_view text) {
  std::vector<TSNode> stack{pattern};
  while (!stack.empty()) {
    TSNode n = stack.back();
    stack.pop_back();
    if (ts_node_is_null(n)) continue;
    std::string_view type = ts_node_type(n);
    if (type == "identifier" || type == "shorthand_property_identifier_pattern") {
      if (node::text(n, text) == name) return true;
      continue;
    }
    if (type == "assignment_pattern" || type == "object_assignment_pattern") {
      stack.push_back(node::field(n, "left"));
      continue;
    }
    if (type == "pair_pattern") {
      stack.push_back(node::field(n, "value"));
      continue;
    }
    if (type == "required_parameter" || type == "optional_parameter") {
      stack.push_back(node::field(n, "pattern"));
      continue;
    }
    if (type == "type_annotation" || type == "accessibility_modifier") continue;
    for (uint32_t i = 0, c = ts_node_named_child_count(n); i < c; ++i)
      stack.push_back(ts_node_named_child(n, i));
  }
  return false;
}

bool declaration_binds(TSNode d, std::string_view name, std::string_view text) {
  if (ts_node_is_null(d)) return false;
  std::string_view type = ts_node_type(d);
  if (type == "export_statement")
    return declaration_binds(node::field(d, "declaration"), name, text);
  if (type == "lexical_declaration" || type == "variable_declaration") {
    for (uint32_t i = 0, c = ts_node_named_child_count(d); i < c; ++i) {
      TSNode v = ts_node_named_child(d, i);
      if (node::is(v, "variable_declarator") && pattern_binds(node::field(v, "name"), name, text))
        return true;
    }
    return false;
  }
  if (type == "function_declaration" || type == "generator_function_declaration" ||
      type == "class_declaration" || type == "abstract_class_declaration" ||
      type == "enum_declaration" || type == "internal_module") {
    TSNode id = node::field(d, "name");
    return !ts_node_is_null(id) && node::text(id, text) == name;
  }
  if (type == "import_statement") {
    for (uint32_t i = 0, c = ts_node_named_child_count(d); i < c; ++i) {
      TSNode clause = ts_node_named_child(d, i);
      if (!node::is(clause, "import_clause")) continue;
      // Only the local names: `x`, `* as x`, `{ a as x }`, `{ x }`.
      std::vector<TSNode> stack{clause};
      while (!stack.empty()) {
        TSNode n = stack.back();
        stack.pop_back();
        if (node::is(n, "import_specifier")) {
          TSNode local = node::field(n, "alias");
          if (ts_node_is_null(local)) local = node::field(n, "name");
          if (node::text(local, text) == name) return true;
          continue;
        }
        if (node::is(n, "identifier") && node::text(n, text) == name) return true;
        for (uint32_t k = 0, m = ts_node_named_child_count(n); k < m; ++k)
          stack.push_back(ts_node_named_child(n, k));
      }
    }
  }
  return false;
}

}  // namespace

bool declared_in(std::string_view name, const std::vector<TSNode>& chain, std::string_view text) {
  if (name.empty()) return false;
  for (TSNode s : chain) {
    std::string_view type = ts_node_type(s);
    if (type == "program" || type == "statement_block" || type == "switch_body" ||
        type == "class_static_block") {
      for (uint32_t i = 0, c = ts_node_named_child_count(s); i < c; ++i) {
        TSNode d = ts_node_named_child(s, i);
        if (node::is(d, "switch_case") || node::is(d, "switch_default")) {
          for (uint32_t k = 0, m = ts_node_named_child_count(d); k < m; ++k)
            if (declaration_binds(ts_node_named_child(d, k), name, text)) return true;
        } else if (declaration_binds(d, name, text)) {
          return true;
        }
      }
    } else if (is_function(s)) {
      TSNode own = node::field(s, "name");
      if (!ts_node_is_null(own) && type != "function_declaration" &&
          type != "generator_function_declaration" && node::text(own, text) == name)
        return true;
      if (pattern_binds(node::field(s, "parameters"), name, text)) return true;
      TSNode param = node::field(s, "parameter");
      if (!ts_node_is_null(param) && node::text(param, text) == name) return true;
      // A function's own scope holds its body's declarations (a block in the
      // chain is scanned as well; twice does no harm).
      TSNode body = node::field(s, "body");
      if (node::is(body, "statement_block")) {
        for (uint32_t i = 0, c = ts_node_named_child_count(body); i < c; ++i)
          if (declaration_binds(ts_node_named_child(body, i), name, text)) return true;
      }
    } else if (type == "for_statement") {
      if (declaration_binds(node::field(s, "initializer"), name, text)) return true;
    } else if (type == "for_in_statement") {
      TSNode kind = node::field(s, "kind");
      if (!ts_node_is_null(kind) && pattern_binds(node::field(s, "left"), name, text)) return true;
    } else if (type == "catch_clause") {
      if (pattern_binds(node::field(s, "parameter"), name, text)) return true;
    } else if (type == "class" || type == "class_declaration") {
      TSNode own = node::field(s, "name");
      if (!ts_node_is_null(own) && node::text(own, text) == name) return true;
    }
  }
  return false;
}

}  // namespace hmrc::refresh
