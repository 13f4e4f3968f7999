#include "class_fields.hpp"

#include <fmt/format.h>

#include "analysis/node_util.hpp"
#include "class_info.hpp"

namespace hmrc::decorators {
namespace {

TSNode super_call_statement(TSNode body) {
  for (uint32_t i = 0; i < ts_node_named_child_count(body); ++i) {
    TSNode s = ts_node_named_child(body, i);
    if (!node::is(s, "expression_statement") || ts_node_named_child_count(s) == 0) continue;
    TSNode call = ts_node_named_child(s, 0);
    if (node::is(call, "call_expression") && node::is(ts_node_named_child(call, 0), "super"))
      return s;
  }
  return TSNode{};
}

bool has_child(TSNode n, std::string_view type) {
  for (uint32_t i = 0; i < ts_node_child_count(n); ++i)
    if (node::is(ts_node_child(n, i), type)) return true;
  return false;
}

TSNode child_of_type(TSNode n, std::string_view type) {
  for (uint32_t i = 0; i < ts_node_child_count(n); ++i)
    if (node::is(ts_node_child(n, i), type)) return ts_node_child(n, i);
  return TSNode{};
}

void assign_in(const ClassInfo& c, std::string_view text, bool skip_decorated, EditBuffer& edits,
               std::vector<Diagnostic>& diagnostics) {
  if (c.ambient) return;
  const Member* constructor = nullptr;
  std::vector<const Member*> fields;
  for (const Member& m : c.members) {
    if (m.kind == MemberKind::method && !m.is_static && node::text(m.name, text) == "constructor" &&
        !ts_node_is_null(m.body))
      constructor = &m;
    if (m.kind != MemberKind::field || m.is_static || m.is_private) continue;
    if (node::is(m.name, "computed_property_name")) {
      // `['c'] = 1` is `this['c'] = 1`; a key to evaluate once, at class
      // definition, would need a temporary declared outside the class.
      TSNode inner = ts_node_named_child(m.name, 0);
      if (!node::is(inner, "string") && !node::is(inner, "number")) {
        diagnostics.push_back(
            {codes::kTsFieldNotAssignable,
             Severity::error,
             {node::start(m.node), node::end(m.node)},
             "with useDefineForClassFields false, a field with a computed key is not supported",
             {"use a literal key, or set \"useDefineForClassFields\": true"}});
        return;
      }
    }
    if (skip_decorated && !m.decorators.empty()) continue;
    if (has_child(m.node, "declare") || has_child(m.node, "abstract")) continue;  // erased
    fields.push_back(&m);
  }
  if (fields.empty()) return;
  uint32_t to = 0;
  std::string open, close;
  if (constructor) {
    TSNode super_statement = super_call_statement(constructor->body);
    if (ts_node_is_null(super_statement)) {
      to = node::start(constructor->body) + 1;
    } else {
      to = node::end(super_statement);
      if (text[to - 1] != ';') open = ";";
    }
  } else {
    to = node::end(c.body) - 1;
    open = ts_node_is_null(c.heritage) ? ";constructor() {"
                                       : ";constructor(...args) { super(...args);";
    close = "}";
  }
  bool any_value = false;
  for (const Member* m : fields) {
    if (ts_node_is_null(m->value)) continue;
    if (constructor && node::end(m->value) >= to) {
      diagnostics.push_back(
          {codes::kTsFieldNotAssignable,
           Severity::error,
           {node::start(m->node), node::end(m->node)},
           "with useDefineForClassFields false, a field initialized after the constructor is "
           "not supported",
           {"move the constructor below the fields, or set \"useDefineForClassFields\": true"}});
      return;
    }
    any_value = true;
  }
  if (any_value) edits.insert_left(to, open);
  for (const Member* m : fields) {
    // The name leaves a `;`: the member before must not join what follows.
    edits.replace(node::start(m->name), node::end(m->name), ";");
    if (ts_node_is_null(m->value)) continue;
    TSNode equals = child_of_type(m->node, "=");
    if (!ts_node_is_null(equals)) edits.remove(node::start(equals), node::end(equals));
    std::string_view key = node::text(m->name, text);
    if (node::is(m->name, "computed_property_name")) key = key.substr(1, key.size() - 2);
    std::string target = node::is(m->name, "property_identifier")
                             ? fmt::format(" this.{} = ", key)
                             : fmt::format(" this[{}] = ", key);
    edits.insert_left(to, target);
    edits.move(node::start(m->value), node::end(m->value), to);
    edits.insert_left(to, ";");
  }
  if (any_value) edits.insert_left(to, close);
}

}  // namespace

void assign_class_fields(const std::vector<NodeInContext>& classes, std::string_view text,
                         bool skip_decorated, EditBuffer& edits,
                         std::vector<Diagnostic>& diagnostics) {
  for (const NodeInContext& c : classes)
    assign_in(read_class(c, text), text, skip_decorated, edits, diagnostics);
}

}  // namespace hmrc::decorators
