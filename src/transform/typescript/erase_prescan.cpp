// Before the walk (erase_walker.hpp): the names the module declares only as
// types (interfaces, type aliases, namespaces without values, `import type`),
// which make `export { T }` and imports of them go, and the imported names the
// walk tracks for import elision.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>

#include "analysis/node_util.hpp"
#include "parser/tree.hpp"
#include "transform/typescript/erase_walker.hpp"

namespace hmrc {
namespace ts {

// Iterative over nesting.
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
      if (k == K::comment || detail::declares_types_only(k)) continue;
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

void EraseWalker::prescan() {
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

void EraseWalker::collect_identifiers(TSNode n, std::vector<std::string_view>& out) {
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

void EraseWalker::prescan_import(TSNode s) {
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

}  // namespace detail
}  // namespace hmrc
