#include "transform/refresh/registrations.hpp"

#include "analysis/node_util.hpp"

namespace hmrc::refresh {
namespace {

bool is_componentish(std::string_view name) {
  return !name.empty() && name[0] >= 'A' && name[0] <= 'Z';
}

// Babel keeps no parentheses in its tree; `(() => {})` is an arrow there.
TSNode unparenthesize(TSNode n) {
  while (node::is(n, "parenthesized_expression") && ts_node_named_child_count(n) == 1)
    n = ts_node_named_child(n, 0);
  return n;
}

TSNode first_argument(TSNode call) {
  TSNode args = node::field(call, "arguments");
  if (!node::is(args, "arguments")) return TSNode{};  // a tagged template
  for (uint32_t i = 0, n = ts_node_named_child_count(args); i < n; ++i) {
    TSNode a = ts_node_named_child(args, i);
    if (!node::is(a, "comment")) return a;
  }
  return TSNode{};
}

// One component found in a declaration's value: `node` gets `id`.
struct Found {
  std::string id;
  TSNode node;
  bool outermost;  // the value itself (registered by name after the statement)
};

// The components inside `value`, innermost first: `memo(forwardRef(() => x))`
// in `const A` gives the arrow as `A$memo$forwardRef`, then the forwardRef
// call as `A$memo`, then the memo call as `A`. Returns false when the chain
// does not end in a function or a capitalised name (`hoc(config)`): then
// nothing in it is registered. A capitalised name at the end
// (`export default memo(Foo)`) is taken to be registered where it is defined.
bool find_inner_components(std::string id, TSNode value, std::string_view text,
                           std::vector<Found>& found) {
  std::vector<Found> layers;  // HOC calls, outermost first
  TSNode n = unparenthesize(value);
  for (;;) {
    std::string_view type = ts_node_type(n);
    if (type == "identifier") {
      if (!is_componentish(node::text(n, text))) return false;
      break;
    }
    if (type == "arrow_function") {
      // `() => () => x` is a factory, not a component.
      if (node::is(unparenthesize(node::field(n, "body")), "arrow_function")) return false;
      found.push_back({id, n, layers.empty()});
      break;
    }
    if (type == "function_expression" || type == "function") {
      found.push_back({id, n, layers.empty()});
      break;
    }
    if (type != "call_expression") return false;
    TSNode callee = node::field(n, "function");
    TSNode arg = first_argument(n);
    if (ts_node_is_null(arg) || !ts_node_is_null(node::field(n, "optional_chain"))) return false;
    if (!node::is(callee, "identifier") && !node::is(callee, "member_expression")) return false;
    layers.push_back({id, n, layers.empty()});
    id += "$";
    id += node::text(callee, text);
    n = unparenthesize(arg);
  }
  for (auto it = layers.rbegin(); it != layers.rend(); ++it) found.push_back(std::move(*it));
  return true;
}

// Could `value` define a component, as React's plugin judges a declarator?
// Imports (`lazy`-less `require(...)`, `import(...)`, `importFoo()`) are not.
bool may_define_component(TSNode value, std::string_view text) {
  std::string_view type = ts_node_type(value);
  if (type == "arrow_function" || type == "function_expression" || type == "function") return true;
  if (type != "call_expression") return false;
  TSNode callee = node::field(value, "function");
  if (node::is(callee, "import")) return false;
  if (node::is(callee, "identifier")) {
    std::string_view name = node::text(callee, text);
    if (name.starts_with("require") || name.starts_with("import")) return false;
  }
  return true;  // a HOC, `React.forwardRef(...)`, or a tagged template (styled.div`...`)
}

class Registrar {
 public:
  Registrar(const Facts& facts, std::string_view text, Names& handles, EditBuffer& edits)
      : facts_(facts), text_(text), handles_(handles), edits_(edits) {}

  // A statement of the program, or of a namespace's body: then `prefix` is
  // `Outer$Inner$` and `ns` the innermost namespace's name.
  void statement(TSNode s, const std::string& prefix, const std::string& ns) {
    prefix_ = prefix;
    ns_ = ns;
    std::string_view type = ts_node_type(s);
    if (type == "export_statement") {
      TSNode declaration = node::field(s, "declaration");
      if (!ts_node_is_null(declaration)) {
        exported_ = true;
        declaration_in(declaration, s);
        exported_ = false;
      } else if (ns.empty()) {
        export_default(unparenthesize(node::field(s, "value")));
      }
      return;
    }
    declaration_in(s, s);
  }

  std::vector<Registration> registrations;

 private:
  // `declaration` is `statement` itself or the declaration it exports.
  void declaration_in(TSNode declaration, TSNode statement) {
    std::string_view type = ts_node_type(declaration);
    if (type == "function_declaration" || type == "generator_function_declaration") {
      std::string_view name = node::text(node::field(declaration, "name"), text_);
      if (is_componentish(name))
        after(statement, add(prefix_ + std::string(name)) + " = " + std::string(name));
    } else if (type == "lexical_declaration" || type == "variable_declaration") {
      variable(declaration, statement);
    }
  }

  void variable(TSNode declaration, TSNode statement) {
    TSNode declarator{};
    for (uint32_t i = 0, n = ts_node_named_child_count(declaration); i < n; ++i) {
      TSNode c = ts_node_named_child(declaration, i);
      if (!node::is(c, "variable_declarator")) continue;
      if (!ts_node_is_null(declarator)) return;  // `const A = ..., B = ...`: none
      declarator = c;
    }
    if (ts_node_is_null(declarator)) return;
    TSNode name = node::field(declarator, "name");
    TSNode value = unparenthesize(node::field(declarator, "value"));
    if (!node::is(name, "identifier") || ts_node_is_null(value)) return;
    std::string name_text(node::text(name, text_));
    if (!is_componentish(name_text) || !may_define_component(value, text_)) return;
    std::vector<Found> found;
    std::string id = prefix_ + name_text;
    if (!find_inner_components(id, value, text_, found)) {
      // `const Styled = styled.div`...``, used as `<Styled />`: a component too.
      if (facts_.jsx_types.contains(name_text)) found.push_back({id, value, true});
    }
    // An exported variable of a namespace has no local binding once the
    // namespace is compiled (`Ns.A = ...`, as tsc does): it is read as `Ns.A`.
    std::string reference = exported_ && !ns_.empty() ? ns_ + "." + name_text : name_text;
    for (const Found& f : found) {
      if (f.outermost) {
        // After the statement, so that the function keeps its inferred name.
        after(statement, add(f.id) + " = " + reference);
      } else {
        edits_.insert_right(node::start(f.node), add(f.id) + " = ");
      }
    }
  }

  // `export default memo(() => ...)`: only calls; `export default function
  // Foo` is a declaration, and anonymous defaults are not registered.
  void export_default(TSNode value) {
    if (!node::is(value, "call_expression")) return;
    std::vector<Found> found;
    if (!find_inner_components("%default%", value, text_, found)) return;
    for (const Found& f : found) edits_.insert_right(node::start(f.node), add(f.id) + " = ");
  }

  std::string add(std::string id) {
    registrations.push_back({handles_.next(), std::move(id)});
    return registrations.back().handle;
  }

  // A statement after `statement`, on its last line. A `;` first when the
  // statement ends without one (ASI), except after a function's `}`.
  void after(TSNode statement, const std::string& code) {
    uint32_t end = node::end(statement);
    bool closed = end > 0 && text_[end - 1] == ';';
    TSNode d =
        node::is(statement, "export_statement") ? node::field(statement, "declaration") : statement;
    if (node::is(d, "function_declaration") || node::is(d, "generator_function_declaration"))
      closed = true;
    // insert_right: after a signature's `, key)` that closes a call ending here.
    edits_.insert_right(end, (closed ? "" : ";") + code + ";");
  }

  const Facts& facts_;
  std::string_view text_;
  Names& handles_;
  EditBuffer& edits_;
  std::string prefix_, ns_;  // of the statement at hand
  bool exported_ = false;
};

// The body of the namespace that `s` declares, if its components are
// registered, as React's plugin does: a namespace of the program, or an
// exported one inside such a namespace; not a dotted one (`namespace A.B`).
// Returns the body and sets `name`.
TSNode namespace_body(TSNode s, bool program, std::string_view text, std::string& name) {
  TSNode ns{};
  if (node::is(s, "export_statement")) {
    ns = node::field(s, "declaration");
  } else if (program && node::is(s, "expression_statement") && ts_node_named_child_count(s) == 1) {
    ns = ts_node_named_child(s, 0);
  }
  if (!node::is(ns, "internal_module") && !node::is(ns, "module")) return TSNode{};
  TSNode id = node::field(ns, "name");
  TSNode body = node::field(ns, "body");
  if (!node::is(id, "identifier") || !node::is(body, "statement_block")) return TSNode{};
  name = node::text(id, text);
  return body;
}

}  // namespace

std::vector<Registration> register_components(TSNode program, const Facts& facts,
                                              std::string_view text, Names& handles,
                                              EditBuffer& edits) {
  Registrar r(facts, text, handles, edits);
  // The program's statements and, in place, those of its namespaces
  // (`Ns$Inner$A`), in document order: the order Babel registers them in.
  struct Block {
    TSNode block;
    uint32_t next;
    std::string prefix, ns;
  };
  std::vector<Block> stack{{program, 0, "", ""}};
  while (!stack.empty()) {
    Block& b = stack.back();
    if (b.next >= ts_node_named_child_count(b.block)) {
      stack.pop_back();
      continue;
    }
    TSNode s = ts_node_named_child(b.block, b.next++);
    std::string name;
    TSNode body = namespace_body(s, stack.size() == 1, text, name);
    if (!ts_node_is_null(body)) {
      std::string prefix = b.prefix + name + "$";
      stack.push_back({body, 0, std::move(prefix), std::move(name)});  // `b` dangles from here
      continue;
    }
    r.statement(s, b.prefix, b.ns);
  }
  return std::move(r.registrations);
}

}  // namespace hmrc::refresh
