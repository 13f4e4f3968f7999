// TsErase (erase.hpp): the visit that dispatches each node kind to its job
// (erase_walker.hpp lists the files), scopes and uses of imported names, and
// the edit helpers every job shares.
#include "transform/typescript/erase.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string_view>
#include <utility>

#include "analysis/node_util.hpp"
#include "parser/tree.hpp"
#include "transform/typescript/erase_walker.hpp"

namespace hmrc {
namespace detail {

bool EraseWalker::asks_field(K parent, K child) const {
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

bool EraseWalker::declaring(const Frame& parent, TSFieldId field, K child) const {
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

bool EraseWalker::visit(Frame& n, TSFieldId field) {
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
        report(n.node, codes::kTsUnreadableQualifiedType,
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

void EraseWalker::new_scope(Frame& n) {
  facts_.scope_parent.push_back(n.scope);
  n.scope = static_cast<uint32_t>(facts_.scope_parent.size() - 1);
}

void EraseWalker::visit_name(const Frame& n, TSFieldId field) {
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

uint32_t EraseWalker::enclosing_list_start() const {
  for (auto it = frames_.rbegin(); it != frames_.rend(); ++it)
    if (it->kind == K::program || it->kind == K::statement_block)
      return ts_node_start_byte(it->node);
  return 0;
}

void EraseWalker::blank(uint32_t start, uint32_t end) {
  if (start < end) edits_.blank(start, end);
}

void EraseWalker::blank_tokens(TSNode n, K kind) {
  for (uint32_t i = 0; i < ts_node_child_count(n); ++i) {
    TSNode c = ts_node_child(n, i);
    if (syn_.kind(c) == kind) blank(c);
  }
}

void EraseWalker::mark_handled(TSNode c) {
  mark_handled(std::make_pair(ts_node_start_byte(c), ts_node_symbol(c)));
}

void EraseWalker::mark_handled(std::pair<uint32_t, TSSymbol> mark) {
  auto it = handled_.end();
  while (it != handled_.begin() && (it - 1)->first < mark.first) --it;
  handled_.insert(it, mark);
}

void EraseWalker::remove_statement(TSNode s) {
  edits_.remove_statement(ts_node_start_byte(s), ts_node_end_byte(s));
}

bool EraseWalker::has_line_break(uint32_t start, uint32_t end) const {
  return text_.substr(start, end - start).find_first_of("\n\r") != std::string_view::npos;
}

void EraseWalker::report(TSNode n, std::string_view code, std::string message,
                         std::vector<std::string> notes) {
  diagnostics_.push_back({code,
                          Severity::error,
                          {ts_node_start_byte(n), ts_node_end_byte(n)},
                          std::move(message),
                          std::move(notes)});
}

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
