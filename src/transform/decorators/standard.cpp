#include "standard.hpp"

#include <fmt/format.h>

#include <map>
#include <string>

#include "analysis/node_util.hpp"
#include "class_info.hpp"
#include "transform/typescript/edits.hpp"

namespace hmrc::decorators {
namespace {

// Kinds as the helper __hmrc_de numbers them.
int kind_code(MemberKind k) {
  switch (k) {
    case MemberKind::method:
      return 1;
    case MemberKind::getter:
      return 2;
    case MemberKind::setter:
      return 3;
    case MemberKind::accessor:
      return 4;
    case MemberKind::field:
      return 5;
    case MemberKind::other:
      break;
  }
  return 0;
}

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

class Lowering {
 public:
  Lowering(const ClassInfo& info, int index, std::string_view text, EditBuffer& edits,
           std::vector<Diagnostic>& diagnostics)
      : c_(info),
        text_(text),
        edits_(edits),
        diagnostics_(diagnostics),
        state_(fmt::format("__hmrc_c{}", index)) {}

  // Returns whether the class's output calls the helpers.
  bool run() {
    if (c_.ambient) return false;
    if (!check()) return false;
    bool any_member = c_.any_member_decorators();
    if (c_.decorators.empty() && !any_member && !c_.any_accessor()) return false;
    bool needs_state = !c_.decorators.empty() || any_member || needs_key_capture();
    // A class expression has no statement to declare the state in: it gets
    // its own, as the parameter of an arrow function called in place (one
    // state per evaluation, as a mixin needs).
    bool wrapped = needs_state && c_.is_expression;
    if (wrapped) {
      wrap_expression();
    } else if (needs_state) {
      declare_state();
      if (!c_.decorators.empty()) rebind_class();
    }
    int element = 0, key = 0;
    bool instance_initializers = false;
    for (const Member& m : c_.members) {
      if (m.kind == MemberKind::other) continue;
      bool decorated = !m.decorators.empty();
      std::string name = name_expression(m, key, decorated || m.kind == MemberKind::accessor);
      int k = decorated ? element++ : -1;
      if (decorated) evaluate_in_place(m);
      if (m.kind == MemberKind::accessor) lower_accessor(m, name, k);
      if (decorated && m.is_private && is_method_like(m.kind)) lower_private_method(m, k);
      if (!decorated) continue;
      if (m.kind == MemberKind::field) wrap_field(m, k);
      std::string call = fmt::format(
          "__hmrc_de({0}, this, {1}, {2}, {3}, {4}, {5}{6}); ", state_, k, kind_code(m.kind), name,
          (m.is_static ? 1 : 0) | (m.is_private ? 2 : 0), access(m, name), accessor_storage(m, k));
      bool field = m.kind == MemberKind::field;
      if (!field && !m.is_static) instance_initializers = true;
      // Static elements before instance ones; fields after the others.
      if (field) {
        (m.is_static ? static_fields_ : instance_fields_) += call;
      } else {
        (m.is_static ? static_methods_ : instance_methods_) += call;
      }
    }
    if (!needs_state) return false;  // `accessor` alone needs no helpers
    std::string self = c_.decorators.empty() ? "this"
                       : wrapped             ? state_ + ".r"
                                             : std::string(class_name());
    std::string block = fmt::format("static {{ __hmrc_dstart({0}, this); ", state_);
    // The name an anonymous class expression would have had (`const B = class {}`).
    if (wrapped && ts_node_is_null(c_.name) && !expression_name_.empty())
      block += fmt::format("__hmrc_dname(this, {}); ", quote(expression_name_));
    block += static_methods_ + instance_methods_ + static_fields_ + instance_fields_;
    if (c_.decorators.empty()) {
      block += fmt::format("__hmrc_dm({0}, this); ", state_);
    } else if (wrapped) {
      block += fmt::format("__hmrc_dm({0}, __hmrc_dc({0}, this, this.name)); ", state_);
    } else {
      block += fmt::format("{1} = __hmrc_dm({0}, __hmrc_dc({0}, this, {2})); ", state_, self,
                           quote(class_name()));
    }
    block += fmt::format("__hmrc_drun({0}.s, {1}); }}", state_, self);
    if (instance_initializers)
      block += fmt::format(" #__hmrc_i = __hmrc_drun({0}.i, this);", state_);
    edits_.insert_right(node::start(c_.body) + 1, block);
    if (!c_.decorators.empty()) {
      // insert_right: after the first block when the body is empty.
      edits_.insert_right(node::end(c_.body) - 1,
                          fmt::format(";static {{ __hmrc_drun({0}.c, {1}); }}", state_, self));
    }
    return true;
  }

 private:
  void report(TSNode at, std::string message, std::string note) {
    diagnostics_.push_back({codes::kTsDecorator,
                            Severity::error,
                            {node::start(at), node::end(at)},
                            std::move(message),
                            {std::move(note)}});
  }

  // Forms not compiled: reported, never lowered wrongly.
  bool check() {
    bool ok = true;
    for (const Member& m : c_.members) {
      if (m.has_parameter_decorators) {
        report(
            m.node,
            "parameter decorators need `experimentalDecorators` (TypeScript's legacy decorators)",
            "set \"experimentalDecorators\": true in tsconfig.json, or remove them");
        ok = false;
      }
      if (m.decorators.empty()) continue;
      if (m.kind == MemberKind::method && node::text(m.name, text_) == "constructor") {
        report(m.decorators.front(), "a constructor cannot be decorated", "remove the decorator");
        ok = false;
      }
    }
    if (!c_.decorators.empty() && c_.in_namespace) {
      report(c_.decorators.empty() ? c_.node : c_.decorators.front(),
             "class decorators on a class in a namespace are not supported yet",
             "move the class out of the namespace (an ES module needs none)");
      return false;
    }
    if (!c_.decorators.empty() && ts_node_is_null(c_.name) && !c_.is_expression) {
      report(c_.decorators.front(), "class decorators on an anonymous class are not supported yet",
             "give the class a name: `export default class Name {...}`");
      ok = false;
    }
    return ok;
  }

  bool needs_key_capture() const {
    for (const Member& m : c_.members)
      if (m.kind == MemberKind::accessor && node::is(m.name, "computed_property_name")) return true;
    return false;
  }

  std::string_view class_name() const { return node::text(c_.name, text_); }

  // `let __hmrc_c0 = __hmrc_ds();` where the statement starts; with class
  // decorators, their list follows: `__hmrc_c0.cd = [` replaces the first `@`.
  void declare_state() {
    uint32_t at = node::start(c_.statement);
    std::string head = ts::needs_semicolon_before(text_, at) ? ";" : "";
    head += fmt::format("let {0} = __hmrc_ds(); ", state_);
    const auto& decs = c_.decorators;
    bool in_front = !decs.empty() && node::start(decs.front()) == at;
    if (!decs.empty() && !in_front) {
      // `export @d class`: the `export` keyword goes (it is written again
      // before the class), so the list can open where the statement starts.
      head += fmt::format("{}.cd = [", state_);
      edits_.insert_right(at, std::move(head));
      for (TSNode kw : {c_.export_kw, c_.default_kw})
        if (!ts_node_is_null(kw)) edits_.remove(node::start(kw), node::end(kw));
      list_decorators(decs);
      return;
    }
    if (in_front) head += fmt::format("{}.cd = [", state_);
    edits_.insert_right(at, std::move(head));
    if (in_front) {
      list_decorators(decs);
      for (TSNode kw : {c_.export_kw, c_.default_kw})
        if (!ts_node_is_null(kw)) edits_.remove(node::start(kw), node::end(kw));
    }
  }

  // `@d class {...}` -> `((S) => (S.cd = [d], class {...}, S.r))(__hmrc_ds())`;
  // without class decorators `((S) => class {...})(__hmrc_ds())`.
  void wrap_expression() {
    expression_name_ = name_from_context();
    uint32_t start = node::start(c_.node), end = node::end(c_.node);
    const auto& decs = c_.decorators;
    if (decs.empty()) {
      edits_.insert_right(start, fmt::format("(({}) => ", state_));
      edits_.insert_left(end, ")(__hmrc_ds())");
      return;
    }
    edits_.insert_right(start, fmt::format("(({0}) => ({0}.cd = [", state_));
    for (std::size_t i = 0; i < decs.size(); ++i) {
      uint32_t s = node::start(decs[i]);
      edits_.replace(s, s + 1, i == 0 ? "" : ", ");
    }
    edits_.insert_left(node::end(decs.back()), "], ");
    edits_.insert_left(end, fmt::format(", {}.r))(__hmrc_ds())", state_));
  }

  // `const B = class {}`, `B = class {}`, `{ B: class {} }`: "B".
  std::string name_from_context() const {
    if (!ts_node_is_null(c_.name)) return std::string(class_name());
    TSNode parent = c_.parent;
    if (node::is(parent, "variable_declarator")) {
      TSNode n = node::field(parent, "name");
      if (node::is(n, "identifier")) return std::string(node::text(n, text_));
    } else if (node::is(parent, "assignment_expression")) {
      TSNode n = node::field(parent, "left");
      if (node::is(n, "identifier")) return std::string(node::text(n, text_));
    } else if (node::is(parent, "pair")) {
      TSNode n = node::field(parent, "key");
      if (node::is(n, "property_identifier")) return std::string(node::text(n, text_));
    }
    return {};
  }

  // `@a @b.c()` -> `a, b.c()]; ` (the opening `[` is already there).
  void list_decorators(const std::vector<TSNode>& decs) {
    for (std::size_t i = 0; i < decs.size(); ++i) {
      uint32_t s = node::start(decs[i]);
      edits_.replace(s, s + 1, i == 0 ? "" : ", ");
    }
    edits_.insert_left(node::end(decs.back()), "]; ");
  }

  // `class A {...}` -> `let A; A = class {...}; A = __hmrc_c0.r;`: inside the
  // body `A` is the outer binding, which the static block sets to the
  // decorated class before static fields run (as in the proposal); the
  // assignment keeps the class's name `A`.
  void rebind_class() {
    std::string name(class_name());
    bool exported = !ts_node_is_null(c_.export_kw) && ts_node_is_null(c_.default_kw);
    edits_.replace(node::start(c_.class_kw), node::end(c_.class_kw),
                   fmt::format("{0}let {1}; {1} = class", exported ? "export " : "", name));
    edits_.remove(node::start(c_.name), node::end(c_.name));
    std::string tail = fmt::format("; {} = {}.r;", name, state_);
    if (!ts_node_is_null(c_.default_kw)) tail += fmt::format(" export {{ {} as default }};", name);
    edits_.insert_left(node::end(c_.node), std::move(tail));
  }

  // The key as a value: `"m"`, `'m'`, `String(1)`, `"#m"`, or for `[k]` the
  // captured key (`[k]` becomes `[__hmrc_dkey(S, k)]`, so it is evaluated once).
  std::string name_expression(const Member& m, int& key, bool wanted) {
    std::string_view t = node::text(m.name, text_);
    if (node::is(m.name, "computed_property_name")) {
      if (!wanted) return {};
      uint32_t open = node::start(m.name), close = node::end(m.name) - 1;
      edits_.insert_left(open + 1, fmt::format("__hmrc_dkey({}, ", state_));
      edits_.insert_right(close, ")");
      return fmt::format("{}.k[{}]", state_, key++);
    }
    if (node::is(m.name, "string")) return std::string(t);
    if (node::is(m.name, "number")) return fmt::format("String({})", t);
    return quote(t);
  }

  // `@a @b m() {}` -> `;static [__hmrc_dd(S, [a, b])](){} m() {}`.
  void evaluate_in_place(const Member& m) {
    const auto& decs = m.decorators;
    for (std::size_t i = 0; i < decs.size(); ++i) {
      uint32_t s = node::start(decs[i]);
      edits_.replace(s, s + 1, i == 0 ? fmt::format(";static [__hmrc_dd({}, [", state_) : ", ");
    }
    edits_.insert_left(node::end(decs.back()), "])](){}");
  }

  std::string access(const Member& m, const std::string& name) const {
    bool get = m.kind != MemberKind::setter, set = m.kind == MemberKind::setter ||
                                                   m.kind == MemberKind::field ||
                                                   m.kind == MemberKind::accessor;
    std::string out;
    if (m.is_private) {
      std::string_view p = node::text(m.name, text_);
      out = fmt::format("{{ has: o => {0} in o", p);
      if (get) out += fmt::format(", get: o => o.{}", p);
      if (set) out += fmt::format(", set: (o, v) => {{ o.{} = v; }}", p);
    } else {
      out = fmt::format("{{ has: o => {0} in o", name);
      if (get) out += fmt::format(", get: o => o[{}]", name);
      if (set) out += fmt::format(", set: (o, v) => {{ o[{}] = v; }}", name);
    }
    return out + " }";
  }

  static bool is_method_like(MemberKind k) {
    return k == MemberKind::method || k == MemberKind::getter || k == MemberKind::setter;
  }

  // A decorated `#m() {...}` (or `get #m`, `set #m`) cannot be redefined: its
  // body becomes the static private method `#__hmrc_mN`, which the static
  // block hands to the decorators (named "#m"), and `#m` becomes an accessor
  // that reaches what they returned, as tsc does with its descriptor.
  //   @d #m(x) { return x; }  ->  static #__hmrc_m12(x) { return x; } get #m() { return
  //   S.a[K].value; }
  void lower_private_method(const Member& m, int k) {
    std::string body_name = fmt::format("#__hmrc_m{}", storage_id(m, k));
    TSNode first{};
    for (uint32_t i = 0; i < ts_node_child_count(m.node); ++i) {
      TSNode c = ts_node_child(m.node, i);
      if (node::is(c, "decorator")) continue;
      first = c;
      break;
    }
    bool get_or_set = m.kind != MemberKind::method;
    for (uint32_t i = 0; i < ts_node_child_count(m.node); ++i) {
      TSNode c = ts_node_child(m.node, i);
      if (get_or_set && (node::is(c, "get") || node::is(c, "set")))
        edits_.remove(node::start(c), node::end(c));
    }
    if (!m.is_static) edits_.insert_right(node::start(first), "static ");
    edits_.replace(node::start(m.name), node::end(m.name), body_name);
    std::string st = m.is_static ? "static " : "";
    std::string_view name = node::text(m.name, text_);
    std::string accessor;
    if (m.kind == MemberKind::method) {
      accessor = fmt::format(" {}get {}() {{ return {}.a[{}].value; }}", st, name, state_, k);
    } else if (m.kind == MemberKind::getter) {
      accessor =
          fmt::format(" {}get {}() {{ return {}.a[{}].get.call(this); }}", st, name, state_, k);
    } else {
      accessor = fmt::format(" {}set {}(v) {{ {}.a[{}].set.call(this, v); }}", st, name, state_, k);
    }
    edits_.insert_left(node::end(m.node), accessor);
    private_bodies_[k] = body_name;
  }

  std::string accessor_storage(const Member& m, int k) const {
    if (m.is_private && is_method_like(m.kind)) {
      auto it = private_bodies_.find(k);
      std::string key = m.kind == MemberKind::method   ? "value"
                        : m.kind == MemberKind::getter ? "get"
                                                       : "set";
      return fmt::format(", {{ {}: __hmrc_dnamed(this.{}, {}) }}", key, it->second,
                         quote(fmt::format("{}{}",
                                           m.kind == MemberKind::getter   ? "get "
                                           : m.kind == MemberKind::setter ? "set "
                                                                          : "",
                                           node::text(m.name, text_))));
    }
    if (m.kind != MemberKind::accessor || !m.is_private) return {};
    return fmt::format(
        ", {{ get() {{ return this.#__hmrc_a{0}; }}, set(v) {{ this.#__hmrc_a{0} = v; }} }}",
        storage_id(m, k));
  }

  int storage_id(const Member& m, int) const {
    return static_cast<int>(node::start(m.node));  // unique within the file
  }

  // `@d x = v` -> `x = __hmrc_dfi(S, K, this, v);#__hmrc_eK = __hmrc_drun(S.e[K], this)`.
  void wrap_field(const Member& m, int k) {
    if (!ts_node_is_null(m.value)) {
      edits_.insert_right(node::start(m.value),
                          fmt::format("__hmrc_dfi({}, {}, {}, ", state_, k, self_of(m)));
      edits_.insert_left(node::end(m.value), ")");
    } else {
      edits_.insert_left(node::end(m.node),
                         fmt::format(" = __hmrc_dfi({}, {}, {})", state_, k, self_of(m)));
    }
    edits_.insert_left(node::end(m.node), extra_initializers(m, k));
  }

  // Initializers of a static field run with the decorated class as `this`
  // (S.r, set before static fields run), as tsc and esbuild call them.
  std::string self_of(const Member& m) const {
    return m.is_static ? fmt::format("{}.r", state_) : "this";
  }

  std::string extra_initializers(const Member& m, int k) const {
    return fmt::format(";{}#__hmrc_e{} = __hmrc_drun({}.e[{}], {});", m.is_static ? "static " : "",
                       k, state_, k, self_of(m));
  }

  // `[static] accessor k = v` -> `[static] get k() { return this.#s; } [static]
  // set k(v) { this.#s = v; } [static] #s = v`; a decorated #private one's
  // getter and setter call what the decorators returned.
  void lower_accessor(const Member& m, const std::string& name, int k) {
    int id = storage_id(m, k);
    std::string st = m.is_static ? "static " : "";
    edits_.remove(m.accessor_start, m.accessor_end);
    // Trailing whitespace of the keyword stays; `get` goes before the key.
    edits_.insert_right(node::start(m.name), "get ");
    std::string key2;
    if (node::is(m.name, "computed_property_name")) {
      key2 = fmt::format("[{}]", name);
    } else {
      key2 = std::string(node::text(m.name, text_));
    }
    std::string getter, setter;
    if (m.is_private && k >= 0) {
      getter = fmt::format("return {}.a[{}].get.call(this);", state_, k);
      setter = fmt::format("{}.a[{}].set.call(this, v);", state_, k);
    } else {
      getter = fmt::format("return this.#__hmrc_a{};", id);
      setter = fmt::format("this.#__hmrc_a{} = v;", id);
    }
    edits_.insert_left(node::end(m.name),
                       fmt::format("() {{ {} }} {}set {}(v) {{ {} }} {}#__hmrc_a{}", getter, st,
                                   key2, setter, st, id));
    if (k < 0) return;
    wrap_field(m, k);
  }

  const ClassInfo& c_;
  std::string_view text_;
  EditBuffer& edits_;
  std::vector<Diagnostic>& diagnostics_;
  std::string state_;
  std::string static_methods_, instance_methods_, static_fields_, instance_fields_;
  std::string expression_name_;
  std::map<int, std::string> private_bodies_;  // element index -> #__hmrc_mN
};

}  // namespace

bool lower_standard(const std::vector<NodeInContext>& classes, std::string_view text,
                    EditBuffer& edits, std::vector<Diagnostic>& diagnostics) {
  bool any = false;
  int index = 0;
  for (const NodeInContext& c : classes) {
    ClassInfo info = read_class(c, text);
    if (Lowering(info, index, text, edits, diagnostics).run()) {
      any = true;
      ++index;
    }
  }
  return any;
}

}  // namespace hmrc::decorators
