#include "transform/typescript/param_props.hpp"

#include <string>
#include <string_view>

#include "analysis/node_util.hpp"

namespace hmrc {
namespace {

using ts::K;

// The top-level `super(...)` statement of a constructor body, if any.
TSNode super_call_statement(TSNode body, const ts::Syntax& syn) {
  uint32_t n = ts_node_named_child_count(body);
  for (uint32_t i = 0; i < n; ++i) {
    TSNode s = ts_node_named_child(body, i);
    if (syn.kind(s) != K::expression_statement || ts_node_named_child_count(s) == 0) continue;
    TSNode call = ts_node_named_child(s, 0);
    if (std::string_view(ts_node_type(call)) != "call_expression") continue;
    TSNode callee = ts_node_named_child(call, 0);
    if (!ts_node_is_null(callee) && std::string_view(ts_node_type(callee)) == "super") return s;
  }
  return TSNode{};
}

}  // namespace

void compile_parameter_properties(const ts::Facts& facts, const ts::Syntax& syn, TsEdits& edits,
                                  bool declare_fields) {
  std::string_view text = edits.text();
  for (const ts::ParamProperties& pp : facts.param_properties) {
    std::string fields, assignments;
    for (TSNode p : pp.parameters) {
      TSNode pattern = ts_node_child_by_field_id(p, syn.fields.pattern);
      if (ts_node_is_null(pattern) || syn.kind(pattern) != K::identifier) continue;
      std::string_view name = node::text(pattern, text);
      fields.append(name).append(";");
      assignments.append(" this.").append(name).append(" = ").append(name).append(";");
    }
    if (fields.empty()) continue;
    if (declare_fields) edits.insert_left(ts_node_start_byte(pp.class_body) + 1, fields);
    TSNode super_statement = super_call_statement(pp.constructor_body, syn);
    if (ts_node_is_null(super_statement)) {
      edits.insert_left(ts_node_start_byte(pp.constructor_body) + 1, assignments);
    } else {
      uint32_t end = ts_node_end_byte(super_statement);
      std::string after_super(text[end - 1] == ';' ? "" : ";");
      after_super += assignments;
      edits.insert_left(end, std::move(after_super));
    }
  }
}

}  // namespace hmrc
