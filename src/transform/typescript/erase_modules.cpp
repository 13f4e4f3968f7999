// Imports and exports in the walk (erase_walker.hpp): `import type` and
// `export type` go, type-only specifiers are dropped with their commas,
// `import x = N.y` becomes a const, `export =` and `import x = require()`
// are reported (no ES module form).
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>

#include "analysis/node_util.hpp"
#include "parser/tree.hpp"
#include "transform/typescript/erase.hpp"
#include "transform/typescript/erase_walker.hpp"

namespace hmrc {
namespace detail {

void EraseWalker::visit_import(TSNode s) {
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

void EraseWalker::visit_alias(TSNode alias, bool exported) {
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

bool EraseWalker::visit_export(TSNode s) {
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
      if ((ik == K::internal_module || ik == K::module) && !ts::namespace_has_values(inner, syn_)) {
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

void EraseWalker::blank_type_specifiers(TSNode s) {
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

void EraseWalker::blank_specifiers(TSNode list, const std::vector<bool>& drop, K spec_kind) {
  for (auto [start, end] : ts::specifier_blanks(list, drop, spec_kind, syn_))
    edits_.blank(start, end);
}

}  // namespace detail
}  // namespace hmrc
