#include "metadata.hpp"

#include <fmt/format.h>

#include "analysis/node_util.hpp"

namespace hmrc::decorators {
namespace {

TSNode unwrap(TSNode t) {
  // type_annotation -> its type; parenthesized_type -> the type inside (a loop, not recursion).
  for (;;) {
    if (ts_node_is_null(t)) return t;
    if (node::is(t, "type_annotation") || node::is(t, "parenthesized_type") ||
        node::is(t, "omitting_type_annotation") || node::is(t, "opting_type_annotation")) {
      uint32_t n = ts_node_named_child_count(t);
      if (n == 0) return TSNode{};
      t = ts_node_named_child(t, n - 1);
      continue;
    }
    if (node::is(t, "readonly_type")) {
      t = ts_node_named_child(t, 0);
      continue;
    }
    return t;
  }
}

// The name a type reference serializes to: `Foo` of `Foo<T>`; `ns.Foo` kept dotted.
TSNode reference_name(TSNode t) {
  if (node::is(t, "generic_type")) return ts_node_named_child(t, 0);
  return t;
}

}  // namespace

std::string TypeSerializer::serialize(TSNode annotation) const {
  TSNode t = unwrap(annotation);
  if (ts_node_is_null(t)) return "Object";
  return one(t);
}

std::string TypeSerializer::one(TSNode t) const {
  t = unwrap(t);
  if (ts_node_is_null(t)) return "Object";
  std::string_view type = ts_node_type(t);
  std::string_view text = node::text(t, text_);
  if (type == "predefined_type") {
    if (text == "string") return "String";
    if (text == "number") return "Number";
    if (text == "boolean") return "Boolean";
    if (text == "symbol" || text == "unique symbol") return "Symbol";
    if (text == "bigint") return "BigInt";
    if (text == "void" || text == "undefined" || text == "never") return "void 0";
    return "Object";  // any, unknown, object
  }
  if (type == "literal_type") {
    TSNode lit = ts_node_named_child(t, 0);
    std::string_view k = ts_node_type(lit);
    if (k == "string") return "String";
    if (k == "number" || k == "unary_expression") return "Number";
    if (k == "true" || k == "false") return "Boolean";
    if (k == "null" || k == "undefined") return "void 0";
    return "Object";
  }
  if (type == "template_literal_type") return "String";
  if (type == "array_type" || type == "tuple_type") return "Array";
  if (type == "function_type" || type == "constructor_type") return "Function";
  if (type == "union_type") return union_of(t, false);
  if (type == "intersection_type") return union_of(t, true);
  if (type == "type_identifier" || type == "generic_type" || type == "nested_type_identifier") {
    TSNode name = reference_name(t);
    std::string_view n = node::text(name, text_);
    if (node::is(name, "type_identifier")) {
      for (const LocalEnum& e : enums_) {
        if (e.name != n) continue;
        return e.string_valued ? "String" : e.number_valued ? "Number" : "Object";
      }
      return fmt::format("(typeof {0} === \"function\" ? {0} : Object)", n);
    }
    if (node::is(name, "nested_type_identifier")) {
      std::string_view head = n.substr(0, n.find('.'));
      if (n.find_first_of(" \t\r\n/") != std::string_view::npos) return "Object";
      return fmt::format(
          "(typeof {0} !== \"undefined\" && typeof {1} === \"function\" ? {1} : Object)", head, n);
    }
  }
  return "Object";  // object literal types, typeof, keyof, conditional, mapped, ...
}

// tsc's serializeUnionOrIntersectionConstituents: one name for all members, else Object.
std::string TypeSerializer::union_of(TSNode t, bool intersection) const {
  std::vector<TSNode> work{t};
  std::vector<TSNode> members;
  while (!work.empty()) {
    TSNode n = unwrap(work.back());
    work.pop_back();
    if (node::is(n, intersection ? "intersection_type" : "union_type")) {
      for (uint32_t i = ts_node_named_child_count(n); i > 0; --i)
        work.push_back(ts_node_named_child(n, i - 1));
    } else if (!ts_node_is_null(n)) {
      members.push_back(n);
    }
  }
  std::string result;
  for (TSNode m : members) {
    std::string_view text = node::text(m, text_);
    if (text == "never") {
      if (intersection) return "void 0";
      continue;
    }
    if (text == "unknown") {
      if (!intersection) return "Object";
      continue;
    }
    if (text == "any") return "Object";
    if (!strict_ && (text == "null" || text == "undefined")) continue;
    std::string s = one(m);
    if (s == "Object") return s;
    bool identifier = s.find_first_of(" (") == std::string::npos;
    if (!result.empty()) {
      bool result_identifier = result.find_first_of(" (") == std::string::npos;
      if (!identifier || !result_identifier || s != result) return "Object";
    } else {
      result = s;
    }
  }
  return result.empty() ? "void 0" : result;
}

void TypeSerializer::referenced_names(TSNode annotation, std::string_view text,
                                      std::vector<std::string_view>& out) {
  std::vector<TSNode> work{annotation};
  while (!work.empty()) {
    TSNode t = unwrap(work.back());
    work.pop_back();
    if (ts_node_is_null(t)) continue;
    if (node::is(t, "union_type") || node::is(t, "intersection_type")) {
      for (uint32_t i = 0; i < ts_node_named_child_count(t); ++i)
        work.push_back(ts_node_named_child(t, i));
      continue;
    }
    TSNode name = reference_name(t);
    std::string_view n = node::text(name, text);
    if (node::is(name, "type_identifier")) out.push_back(n);
    if (node::is(name, "nested_type_identifier")) out.push_back(n.substr(0, n.find('.')));
  }
}

}  // namespace hmrc::decorators
