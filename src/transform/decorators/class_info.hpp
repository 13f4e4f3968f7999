// What the decorator passes need to know of one class: its decorators (also
// those written before `export`), how it is declared and exported, and each
// member with its decorators, name, modifiers and initializer. Read from the
// class node's own children only (no walk over the input's depth).
//
//   @a export class C extends B { @m static #x = 1; accessor y; }
//   -> decorators {@a} (before export), exported, members:
//      {field, static, private, name #x, value 1, decorators {@m}}, {accessor, name y}
#pragma once

#include <tree_sitter/api.h>

#include <string_view>
#include <vector>

#include "analysis/analysis.hpp"

namespace hmrc::decorators {

enum class MemberKind { method, getter, setter, field, accessor, other };

struct Member {
  TSNode node;
  MemberKind kind = MemberKind::other;
  std::vector<TSNode> decorators;
  TSNode name{};       // property_identifier, private_property_identifier, string, number,
                       // computed_property_name
  TSNode value{};      // a field's initializer
  TSNode static_kw{};  // `static`
  // `accessor`, as a span: after other modifiers (`static accessor x`) the
  // parse recovery blanked it in the text the tree was parsed from, so the
  // tree has no node for it (parser/recovery/typescript_repair.cpp).
  uint32_t accessor_start = 0, accessor_end = 0;
  TSNode parameters{};  // a method's formal_parameters
  TSNode body{};        // a method's body
  bool is_static = false;
  bool is_private = false;
  bool is_constructor = false;
  bool has_parameter_decorators = false;
};

struct ClassInfo {
  TSNode node{};        // class_declaration, abstract_class_declaration or class (an expression)
  TSNode parent{};      // the node around it
  TSNode statement{};   // where the class statement starts: the export_statement, or the class
  TSNode name{};        // null for an anonymous class
  TSNode body{};        // class_body
  TSNode heritage{};    // class_heritage, or null
  TSNode class_kw{};    // the `class` keyword
  TSNode export_kw{};   // `export`, when the declaration is exported
  TSNode default_kw{};  // `default`
  std::vector<TSNode> decorators;  // the class's own, in source order
  bool is_expression = false;
  bool ambient = false;       // inside `declare ...`: erased whole, nothing to lower
  bool in_namespace = false;  // inside `namespace N {}` (ts_namespace rewrites its exports)
  bool decorators_after_export = false;  // `export @d class`
  std::vector<Member> members;

  bool any_member_decorators() const;
  bool any_accessor() const;
};

// `cls` as analysis recorded it (the class node with its ancestors).
ClassInfo read_class(const NodeInContext& cls, std::string_view text);

// The expression of a decorator: `@a.b(c)` -> `a.b(c)`.
TSNode decorator_expression(TSNode decorator);

}  // namespace hmrc::decorators
