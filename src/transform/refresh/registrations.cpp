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

  void statement(TSNode s) {
    std::string_view type = ts_node_type(s);
    if (type == "export_statement") {
      TSNode declaration = node::field(s, "declaration");
      if (!ts_node_is_null(declaration)) {
        declaration_in(declaration, s);
      } else {
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
        after(statement, add(std::string(name)) + " = " + std::string(name));
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
    if (!find_inner_components(name_text, value, text_, found)) {
      // `const Styled = styled.div`...``, used as `<Styled />`: a component too.
      if (facts_.jsx_types.contains(name_text)) found.push_back({name_text, value, true});
    }
    for (const Found& f : found) {
      if (f.outermost) {
        // After the statement, so that the function keeps its inferred name.
        after(statement, add(f.id) + " = " + name_text);
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
};

}  // namespace

std::vector<Registration> register_components(TSNode program, const Facts& facts,
                                              std::string_view text, Names& handles,
                                              EditBuffer& edits) {
  Registrar r(facts, text, handles, edits);
  for (uint32_t i = 0, n = ts_node_named_child_count(program); i < n; ++i)
    r.statement(ts_node_named_child(program, i));
  return std::move(r.registrations);
}

}  // namespace hmrc::refresh
