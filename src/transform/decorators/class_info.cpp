#include "transform/decorators/class_info.hpp"

#include <cctype>

#include "analysis/node_util.hpp"

namespace hmrc::decorators {
namespace {

// `pending`: decorators written before the member as siblings in the class
// body (tree-sitter-typescript puts a method's there; a field's are its children).
// Where `accessor` is in the gap before a field's name, if it is: the
// keyword the parse recovery blanked (typescript_repair's unblock_accessor).
bool find_blanked_accessor(std::string_view text, uint32_t from, uint32_t to, Member& member) {
  constexpr std::string_view kw = "accessor";
  auto is_word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
           static_cast<unsigned char>(c) >= 0x80;
  };
  std::string_view gap = text.substr(from, to - from);
  // Only blanks before it: "accessor" in a comment is not the keyword.
  auto at = gap.find_first_not_of(" \t\r\n");
  if (at == std::string_view::npos || gap.substr(at, kw.size()) != kw) return false;
  uint32_t s = from + static_cast<uint32_t>(at), e = s + static_cast<uint32_t>(kw.size());
  if ((s > 0 && is_word(text[s - 1])) || (e < text.size() && is_word(text[e]))) return false;
  member.accessor_start = s;
  member.accessor_end = e;
  return true;
}

void read_member(TSNode m, std::string_view text, std::vector<TSNode>& pending, ClassInfo& info) {
  Member member;
  member.node = m;
  member.decorators = std::move(pending);
  pending.clear();
  bool method = node::is(m, "method_definition");
  bool field = node::is(m, "public_field_definition") || node::is(m, "field_definition");
  if (!method && !field) {
    member.decorators.clear();
    return;
  }
  member.kind = method ? MemberKind::method : MemberKind::field;
  uint32_t n = ts_node_child_count(m);
  for (uint32_t i = 0; i < n; ++i) {
    TSNode c = ts_node_child(m, i);
    std::string_view type = ts_node_type(c);
    if (type == "decorator") {
      member.decorators.push_back(c);
    } else if (type == "static") {
      member.static_kw = c;
      member.is_static = true;
    } else if (type == "accessor") {
      member.accessor_start = node::start(c);
      member.accessor_end = node::end(c);
      member.kind = MemberKind::accessor;
    } else if (type == "declare" || (type == "abstract" && !method)) {
      // Erased whole by ts_erase; decorating it is an error in tsc.
      member.kind = MemberKind::other;
      member.decorators.clear();
      info.members.push_back(member);
      return;
    } else if (type == "get" && method) {
      member.kind = MemberKind::getter;
    } else if (type == "set" && method) {
      member.kind = MemberKind::setter;
    }
  }
  member.name = node::field(m, method ? "name" : "property");
  if (ts_node_is_null(member.name)) member.name = node::field(m, "name");
  if (member.kind == MemberKind::field && !ts_node_is_null(member.name)) {
    // The gap between the last modifier and the name.
    uint32_t gap_start = node::start(m);
    for (uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_child(m, i);
      if (node::start(c) >= node::start(member.name)) break;
      gap_start = node::end(c);
    }
    if (find_blanked_accessor(text, gap_start, node::start(member.name), member))
      member.kind = MemberKind::accessor;
  }
  member.value = node::field(m, "value");
  member.parameters = node::field(m, "parameters");
  member.body = node::field(m, "body");
  member.is_private = node::is(member.name, "private_property_identifier");
  member.is_constructor = method && node::is(member.name, "property_identifier") &&
                          !member.is_static;  // refined by the caller, who has the text
  // Parameter decorators (experimentalDecorators only) sit on the parameters.
  if (!ts_node_is_null(member.parameters)) {
    for (uint32_t i = 0; i < ts_node_named_child_count(member.parameters); ++i) {
      TSNode p = ts_node_named_child(member.parameters, i);
      for (uint32_t j = 0; j < ts_node_child_count(p); ++j) {
        if (node::is(ts_node_child(p, j), "decorator")) member.has_parameter_decorators = true;
      }
    }
  }
  info.members.push_back(member);
}

}  // namespace

TSNode decorator_expression(TSNode decorator) {
  uint32_t n = ts_node_named_child_count(decorator);
  return n ? ts_node_named_child(decorator, n - 1) : TSNode{};
}

bool ClassInfo::any_member_decorators() const {
  for (const Member& m : members)
    if (!m.decorators.empty() || m.has_parameter_decorators) return true;
  return false;
}

bool ClassInfo::any_accessor() const {
  for (const Member& m : members)
    if (m.kind == MemberKind::accessor) return true;
  return false;
}

ClassInfo read_class(const NodeInContext& cls, std::string_view text) {
  ClassInfo info;
  info.node = cls.node;
  info.statement = cls.node;
  info.is_expression = node::is(cls.node, "class");
  info.name = node::field(cls.node, "name");
  info.body = node::field(cls.node, "body");
  TSNode parent = cls.ancestors.empty() ? TSNode{} : cls.ancestors.front();
  info.parent = parent;
  for (TSNode a : cls.ancestors) {
    if (node::is(a, "internal_module") || node::is(a, "module")) info.in_namespace = true;
    if (node::is(a, "ambient_declaration")) info.ambient = true;
  }
  bool seen_export = false;
  if (!info.is_expression && node::is(parent, "export_statement")) {
    info.statement = parent;
    for (uint32_t i = 0; i < ts_node_child_count(parent); ++i) {
      TSNode c = ts_node_child(parent, i);
      std::string_view type = ts_node_type(c);
      if (type == "decorator") {
        info.decorators.push_back(c);
      } else if (type == "export") {
        info.export_kw = c;
      } else if (type == "default") {
        info.default_kw = c;
      }
    }
    seen_export = true;
  }
  // `export default @d class {}` and `export default class {}`: the class
  // is an expression in the grammar, but a declaration all the same.
  if (info.is_expression && node::is(parent, "export_statement")) {
    info.is_expression = false;
    info.statement = parent;
    for (uint32_t i = 0; i < ts_node_child_count(parent); ++i) {
      TSNode c = ts_node_child(parent, i);
      if (node::is(c, "decorator")) info.decorators.push_back(c);
      if (node::is(c, "export")) info.export_kw = c;
      if (node::is(c, "default")) info.default_kw = c;
    }
    seen_export = true;
  }
  for (uint32_t i = 0; i < ts_node_child_count(cls.node); ++i) {
    TSNode c = ts_node_child(cls.node, i);
    std::string_view type = ts_node_type(c);
    if (type == "decorator") {
      info.decorators.push_back(c);
      if (seen_export) info.decorators_after_export = true;
    } else if (type == "class") {
      info.class_kw = c;
    } else if (type == "class_heritage") {
      info.heritage = c;
    }
  }
  if (!ts_node_is_null(info.body)) {
    std::vector<TSNode> pending;
    for (uint32_t i = 0; i < ts_node_named_child_count(info.body); ++i) {
      TSNode c = ts_node_named_child(info.body, i);
      if (node::is(c, "decorator")) {
        pending.push_back(c);
      } else if (!node::is(c, "comment")) {
        read_member(c, text, pending, info);
      }
    }
  }
  return info;
}

}  // namespace hmrc::decorators
