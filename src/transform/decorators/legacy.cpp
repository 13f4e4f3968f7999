#include "legacy.hpp"

#include <fmt/format.h>

#include <string>

#include "analysis/node_util.hpp"
#include "analysis/ts_syntax.hpp"
#include "class_info.hpp"
#include "metadata.hpp"
#include "transform/typescript/edits.hpp"

namespace hmrc::decorators {
namespace {

struct Parameter {
  TSNode node;
  std::vector<TSNode> decorators;
  TSNode type{};
  bool rest = false;
};

std::vector<Parameter> parameters_of(TSNode params) {
  std::vector<Parameter> out;
  if (ts_node_is_null(params)) return out;
  for (uint32_t i = 0; i < ts_node_named_child_count(params); ++i) {
    TSNode p = ts_node_named_child(params, i);
    if (!node::is(p, "required_parameter") && !node::is(p, "optional_parameter")) continue;
    TSNode pattern = node::field(p, "pattern");
    if (node::is(pattern, "this")) continue;  // `this: T` is erased
    Parameter param{p, {}, node::field(p, "type"), node::is(pattern, "rest_pattern")};
    for (uint32_t j = 0; j < ts_node_child_count(p); ++j) {
      TSNode c = ts_node_child(p, j);
      if (node::is(c, "decorator")) param.decorators.push_back(c);
    }
    out.push_back(param);
  }
  return out;
}

// A local enum's type as metadata: Number, String, or Object when mixed.
std::vector<LocalEnum> local_enums(const ts::Facts* facts, std::string_view text) {
  std::vector<LocalEnum> out;
  if (!facts) return out;
  for (const ts::EnumDecl& e : facts->enums) {
    LocalEnum le;
    le.name = node::text(node::field(e.node, "name"), text);
    TSNode body = node::field(e.node, "body");
    bool any_string = false, all_string = true, any = false;
    for (uint32_t i = 0; !ts_node_is_null(body) && i < ts_node_named_child_count(body); ++i) {
      TSNode m = ts_node_named_child(body, i);
      if (node::is(m, "comment")) continue;
      any = true;
      TSNode v = node::field(m, "value");
      bool s = node::is(v, "string") || node::is(v, "template_string");
      any_string |= s;
      all_string &= s;
    }
    le.string_valued = any && all_string;
    le.number_valued = !any_string;
    out.push_back(le);
  }
  return out;
}

class Lowering {
 public:
  Lowering(const ClassInfo& info, int index, std::string_view text, const TsOptions& options,
           const TypeSerializer& types, EditBuffer& edits, std::vector<Diagnostic>& diagnostics)
      : c_(info),
        index_(index),
        text_(text),
        options_(options),
        types_(types),
        edits_(edits),
        diagnostics_(diagnostics) {}

  bool run() {
    if (c_.ambient) return false;
    std::vector<const Member*> decorated;
    const Member* constructor = nullptr;
    bool any_param_decorators_on_ctor = false;
    for (const Member& m : c_.members) {
      bool is_ctor = m.kind == MemberKind::method && !m.is_static &&
                     node::text(m.name, text_) == "constructor";
      if (is_ctor && !ts_node_is_null(m.body)) constructor = &m;
      if (is_ctor) {
        any_param_decorators_on_ctor = m.has_parameter_decorators;
        continue;
      }
      if (!m.decorators.empty() || m.has_parameter_decorators) decorated.push_back(&m);
    }
    bool class_level = !c_.decorators.empty() || any_param_decorators_on_ctor;
    if (decorated.empty() && !class_level) return false;
    if (!check(decorated, class_level)) return false;

    std::string name(node::text(c_.name, text_));
    uint32_t at = node::end(c_.node);
    edits_.insert_left(at, ";");
    // Instance members first, then static ones, each in source order.
    for (bool statics : {false, true}) {
      for (const Member* m : decorated) {
        if (m->is_static != statics) continue;
        std::string key = key_of(*m);
        edits_.insert_left(at, " __hmrc_decorate([");
        bool first = true;
        emit_decorators(m->decorators, at, first);
        emit_parameters(parameters_of(m->parameters), at, first);
        emit_member_metadata(*m, at, first);
        edits_.insert_left(at, fmt::format("], {}{}, {}, {});", name, statics ? "" : ".prototype",
                                           key, m->kind == MemberKind::field ? "void 0" : "null"));
      }
    }
    if (class_level) {
      edits_.insert_left(at, fmt::format(" {} = __hmrc_decorate([", name));
      bool first = true;
      emit_decorators(c_.decorators, at, first);
      if (constructor) emit_parameters(parameters_of(constructor->parameters), at, first);
      if (options_.emit_decorator_metadata && constructor)
        add(at, first,
            fmt::format("__hmrc_metadata(\"design:paramtypes\", [{}])",
                        parameter_types(parameters_of(constructor->parameters))));
      edits_.insert_left(at, fmt::format("], {});", name));
    }
    if (!keys_.empty()) {
      uint32_t s = node::start(c_.statement);
      std::string decl = ts::needs_semicolon_before(text_, s) ? ";let " : "let ";
      for (std::size_t i = 0; i < keys_.size(); ++i) decl += (i ? ", " : "") + keys_[i];
      edits_.insert_right(s, decl + "; ");
    }
    return true;
  }

 private:
  void report(TSNode at, std::string message, std::string note) {
    report(Span{node::start(at), node::end(at)}, std::move(message), std::move(note));
  }
  void report(Span at, std::string message, std::string note) {
    diagnostics_.push_back(
        {codes::kTsDecorator, Severity::error, at, std::move(message), {std::move(note)}});
  }

  bool check(const std::vector<const Member*>& decorated, bool class_level) {
    bool ok = true;
    if (c_.is_expression) {
      report(c_.node, "decorators on a class expression are not supported yet",
             "declare the class with a name (`class A {...}`) and use that name");
      return false;
    }
    if (class_level && c_.in_namespace) {
      report(c_.decorators.empty() ? c_.node : c_.decorators.front(),
             "class decorators on a class in a namespace are not supported yet",
             "move the class out of the namespace (an ES module needs none)");
      return false;
    }
    if (class_level && ts_node_is_null(c_.name)) {
      report(c_.node, "class decorators on an anonymous class are not supported yet",
             "give the class a name: `export default class Name {...}`");
      ok = false;
    }
    for (const Member* m : decorated) {
      if (m->is_private) {
        report(m->decorators.empty() ? m->node : m->decorators.front(),
               "legacy decorators cannot decorate #private members",
               "tsc rejects them too (TS1206); use a TypeScript `private` member");
        ok = false;
      }
    }
    for (const Member& m : c_.members) {
      if (m.kind == MemberKind::accessor) {
        report(Span{m.accessor_start, m.accessor_end},
               "`accessor` members in a class with experimentalDecorators are not supported yet",
               "write a getter and a setter");
        ok = false;
      }
    }
    return ok;
  }

  // The member's key for __decorate; a computed one is captured once in a
  // temporary (`[k()]` -> `[__hmrc_k0_0 = k()]`).
  std::string key_of(const Member& m) {
    std::string_view t = node::text(m.name, text_);
    if (node::is(m.name, "computed_property_name")) {
      std::string temp = fmt::format("__hmrc_k{}_{}", index_, keys_.size());
      keys_.push_back(temp);
      edits_.insert_left(node::start(m.name) + 1, temp + " = ");
      return temp;
    }
    if (node::is(m.name, "string") || node::is(m.name, "number")) return std::string(t);
    return fmt::format("\"{}\"", t);
  }

  void add(uint32_t at, bool& first, std::string text) {
    if (!first) text.insert(0, ", ");
    first = false;
    edits_.insert_left(at, std::move(text));
  }

  // Each decorator's expression moves behind the class; its `@` goes.
  void emit_decorators(const std::vector<TSNode>& decs, uint32_t at, bool& first) {
    for (TSNode d : decs) {
      TSNode expr = decorator_expression(d);
      if (!first) edits_.insert_left(at, ", ");
      first = false;
      edits_.remove(node::start(d), node::start(expr));
      edits_.move(node::start(expr), node::end(expr), at);
    }
  }

  void emit_parameters(const std::vector<Parameter>& params, uint32_t at, bool& first) {
    for (std::size_t i = 0; i < params.size(); ++i) {
      for (TSNode d : params[i].decorators) {
        TSNode expr = decorator_expression(d);
        add(at, first, fmt::format("__hmrc_param({}, ", i));
        edits_.remove(node::start(d), node::start(expr));
        edits_.move(node::start(expr), node::end(expr), at);
        edits_.insert_left(at, ")");
      }
    }
  }

  std::string parameter_types(const std::vector<Parameter>& params) const {
    std::string out;
    for (const Parameter& p : params) {
      if (!out.empty()) out += ", ";
      if (p.rest) {
        // `...xs: T[]` is described by T, as tsc does.
        TSNode t = p.type;
        if (!ts_node_is_null(t) && ts_node_named_child_count(t) > 0)
          t = ts_node_named_child(t, ts_node_named_child_count(t) - 1);
        out += node::is(t, "array_type") ? types_.serialize(ts_node_named_child(t, 0)) : "Object";
      } else {
        out += types_.serialize(p.type);
      }
    }
    return out;
  }

  void emit_member_metadata(const Member& m, uint32_t at, bool& first) {
    if (!options_.emit_decorator_metadata) return;
    TSNode return_type = node::field(m.node, "return_type");
    std::vector<Parameter> params = parameters_of(m.parameters);
    switch (m.kind) {
      case MemberKind::field:
        add(at, first,
            fmt::format("__hmrc_metadata(\"design:type\", {})",
                        types_.serialize(node::field(m.node, "type"))));
        break;
      case MemberKind::method: {
        add(at, first, "__hmrc_metadata(\"design:type\", Function)");
        add(at, first,
            fmt::format("__hmrc_metadata(\"design:paramtypes\", [{}])", parameter_types(params)));
        std::string returns = "void 0";
        if (!ts_node_is_null(return_type)) {
          returns = types_.serialize(return_type);
        } else if (text_contains_async(m)) {
          returns = "Promise";
        }
        add(at, first, fmt::format("__hmrc_metadata(\"design:returntype\", {})", returns));
        break;
      }
      case MemberKind::getter:
        add(at, first,
            fmt::format("__hmrc_metadata(\"design:type\", {})", types_.serialize(return_type)));
        add(at, first, "__hmrc_metadata(\"design:paramtypes\", [])");
        break;
      case MemberKind::setter: {
        std::string t = params.empty() ? "Object" : types_.serialize(params[0].type);
        add(at, first, fmt::format("__hmrc_metadata(\"design:type\", {})", t));
        add(at, first, fmt::format("__hmrc_metadata(\"design:paramtypes\", [{}])", t));
        break;
      }
      default:
        break;
    }
  }

  bool text_contains_async(const Member& m) const {
    for (uint32_t i = 0; i < ts_node_child_count(m.node); ++i)
      if (node::is(ts_node_child(m.node, i), "async")) return true;
    return false;
  }

  const ClassInfo& c_;
  int index_;
  std::string_view text_;
  const TsOptions& options_;
  const TypeSerializer& types_;
  EditBuffer& edits_;
  std::vector<Diagnostic>& diagnostics_;
  std::vector<std::string> keys_;
};

}  // namespace

bool lower_legacy(const std::vector<NodeInContext>& classes, std::string_view text,
                  const TsOptions& options, const ts::Facts* facts, EditBuffer& edits,
                  std::vector<Diagnostic>& diagnostics) {
  TypeSerializer types(text, options.strict_null_checks, local_enums(facts, text));
  bool any = false;
  int index = 0;
  for (const NodeInContext& c : classes) {
    ClassInfo info = read_class(c, text);
    if (Lowering(info, index, text, options, types, edits, diagnostics).run()) {
      any = true;
      ++index;
    }
  }
  return any;
}

std::vector<std::string_view> metadata_value_names(const std::vector<NodeInContext>& classes,
                                                   std::string_view text) {
  std::vector<std::string_view> out;
  for (const NodeInContext& c : classes) {
    ClassInfo info = read_class(c, text);
    bool class_level = !info.decorators.empty();
    for (const Member& m : info.members) {
      bool is_ctor = m.kind == MemberKind::method && node::text(m.name, text) == "constructor";
      bool decorated = !m.decorators.empty() || m.has_parameter_decorators;
      if (is_ctor) decorated = class_level || m.has_parameter_decorators;
      if (!decorated) continue;
      for (const Parameter& p : parameters_of(m.parameters))
        TypeSerializer::referenced_names(p.type, text, out);
      TypeSerializer::referenced_names(node::field(m.node, "type"), text, out);
      TypeSerializer::referenced_names(node::field(m.node, "return_type"), text, out);
    }
  }
  return out;
}

}  // namespace hmrc::decorators
