// Classes in the walk (erase_walker.hpp): modifiers, `?`, `!`, `declare`
// and `abstract` members, `this` parameters, and the parameter properties
// typescript/param_props compiles.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>

#include "analysis/node_util.hpp"
#include "parser/tree.hpp"
#include "transform/typescript/erase_walker.hpp"

namespace hmrc {
namespace detail {

bool EraseWalker::visit_member(TSNode m, bool field) {
  uint32_t n = ts_node_child_count(m);
  for (uint32_t i = 0; field && i < n; ++i) {
    K k = syn_.kind(ts_node_child(m, i));
    if (k == K::t_declare || k == K::t_abstract) {
      remove_statement(m);
      return false;
    }
  }
  bool leading = true;
  bool first_blank = true;
  for (uint32_t i = 0; i < n; ++i) {
    TSNode c = ts_node_child(m, i);
    K k = syn_.kind(c);
    bool modifier =
        k == K::accessibility_modifier || k == K::override_modifier || k == K::t_readonly;
    if (modifier) {
      char first = 0;
      if (leading && first_blank && needs_semicolon_before(ts_node_start_byte(m))) first = ';';
      edits_.blank(ts_node_start_byte(c), ts_node_end_byte(c), first);
      mark_handled(c);
      first_blank = false;
      continue;
    }
    if (k == K::t_question || (field && k == K::t_bang)) blank(c);
    if (k != K::decorator && k != K::comment) leading = false;
  }
  return true;
}

bool EraseWalker::visit_parameter(TSNode p) {
  uint32_t n = ts_node_child_count(p);
  bool property = false;
  for (uint32_t i = 0; i < n; ++i) {
    TSNode c = ts_node_child(p, i);
    K k = syn_.kind(c);
    if (k == K::t_this && i == 0) {
      blank_this_parameter(p);
      return false;
    }
    if (k == K::accessibility_modifier || k == K::override_modifier || k == K::t_readonly) {
      blank(c);
      mark_handled(c);
      property = true;
    } else if (k == K::t_question) {
      blank(c);
    }
  }
  if (property) add_parameter_property(p);
  return true;
}

void EraseWalker::blank_this_parameter(TSNode p) {
  uint32_t end = ts_node_end_byte(p);
  std::size_t i = end;
  while (i < text_.size() && is_space(text_[i])) ++i;
  if (i < text_.size() && text_[i] == ',') end = static_cast<uint32_t>(i + 1);
  edits_.blank(ts_node_start_byte(p), end);
}

void EraseWalker::add_parameter_property(TSNode p) {
  // frames_: ..., class_body, method_definition, formal_parameters
  if (frames_.size() < 3) return;
  const Frame& params = frames_.back();
  const Frame& method = frames_[frames_.size() - 2];
  const Frame& body_of_class = frames_[frames_.size() - 3];
  if (params.kind != K::formal_parameters || method.kind != K::method_definition ||
      body_of_class.kind != K::class_body)
    return;
  TSNode body = ts_node_child_by_field_id(method.node, syn_.fields.body);
  if (ts_node_is_null(body)) return;
  if (facts_.param_properties.empty() ||
      facts_.param_properties.back().constructor_body.id != body.id) {
    facts_.param_properties.push_back({body_of_class.node, body, {}});
  }
  facts_.param_properties.back().parameters.push_back(p);
}

}  // namespace detail
}  // namespace hmrc
