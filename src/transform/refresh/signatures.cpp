#include "transform/refresh/signatures.hpp"

#include <map>
#include <string>
#include <vector>

#include "analysis/node_util.hpp"
#include "transform/refresh/scope.hpp"

namespace hmrc::refresh {
namespace {

// React's own hooks, as react-refresh 0.18's plugin lists them: they are
// never listed as custom hooks (their code cannot change under the component).
bool is_builtin_hook(std::string_view name) {
  static constexpr std::string_view kBuiltin[] = {"useState",
                                                  "useReducer",
                                                  "useEffect",
                                                  "useLayoutEffect",
                                                  "useMemo",
                                                  "useCallback",
                                                  "useRef",
                                                  "useContext",
                                                  "useImperativeHandle",
                                                  "useDebugValue",
                                                  "useId",
                                                  "useDeferredValue",
                                                  "useTransition",
                                                  "useInsertionEffect",
                                                  "useSyncExternalStore",
                                                  "useFormStatus",
                                                  "useFormState",
                                                  "useActionState",
                                                  "useOptimistic"};
  for (std::string_view b : kBuiltin)
    if (name == b) return true;
  return false;
}

// Babel's isBlock: where a statement can be inserted after another.
bool is_block(TSNode n) { return node::is(n, "program") || node::is(n, "statement_block"); }

bool is_declaration(TSNode n) {
  if (node::is(n, "export_statement")) n = node::field(n, "declaration");
  return node::is(n, "function_declaration") || node::is(n, "generator_function_declaration") ||
         node::is(n, "class_declaration");
}

// Where a statement may go first in a function body: after its directives
// (`"use memo"`, `"use strict"`), which stop being directives once any other
// statement comes before them. `semicolon`: the last directive has none.
struct BodyStart {
  uint32_t at;
  bool semicolon;
};

BodyStart body_start(TSNode block, std::string_view text) {
  BodyStart start{node::start(block) + 1, false};
  for (uint32_t i = 0, n = ts_node_named_child_count(block); i < n; ++i) {
    TSNode s = ts_node_named_child(block, i);
    if (node::is(s, "comment")) continue;
    if (!node::is(s, "expression_statement") || ts_node_named_child_count(s) != 1 ||
        !node::is(ts_node_named_child(s, 0), "string"))
      break;
    start.at = node::end(s);
    start.semicolon = text[start.at - 1] != ';';
  }
  return start;
}

// `path`: program first, down to the node itself. The scopes around
// `path[upto]`, nearest first (itself included when it is a function).
std::vector<TSNode> scope_chain(const std::vector<TSNode>& path, std::size_t upto) {
  std::vector<TSNode> chain;
  for (std::size_t i = upto + 1; i-- > 0;) chain.push_back(path[i]);
  return chain;
}

class Signer {
 public:
  Signer(const Facts& facts, std::string_view text, Names& names, EditBuffer& edits)
      : facts_(facts), text_(text), names_(names), edits_(edits) {}

  void sign(const HookFunction& f) {
    // The path from the program down to the function.
    std::vector<TSNode> path = f.ancestors;
    path.push_back(f.node);
    std::size_t self = path.size() - 1;
    std::size_t parent = self;
    while (parent > 0 && node::is(path[parent - 1], "parenthesized_expression")) --parent;
    parent = parent == 0 ? 0 : parent - 1;
    bool declaration = node::is(f.node, "function_declaration") ||
                       node::is(f.node, "generator_function_declaration");
    // `export default function () {}` is an anonymous declaration to Babel,
    // which signs no anonymous declaration (an arrow there is an expression).
    if (!declaration && !node::is(f.node, "arrow_function") &&
        node::is(path[parent], "export_statement"))
      return;

    std::string sig = names_.next();
    declare(path, sig);
    call_first(f.node, sig);

    if (declaration || (node::is(path[parent], "variable_declarator") &&
                        node::same(unwrap(node::field(path[parent], "value")), f.node))) {
      // After the statement: `const Foo = () => {}; _s(Foo, ...)`, so that
      // the function keeps the name it infers from its declarator.
      std::string name(declaration ? node::text(node::field(f.node, "name"), text_)
                                   : node::text(node::field(path[parent], "name"), text_));
      for (std::size_t j = self; j > 0; --j) {
        if (!is_block(path[j - 1])) continue;
        // An exported variable of a namespace is `Ns.A` once compiled (tsc's form).
        if (!declaration && j >= 2 && node::is(path[j], "export_statement") &&
            (node::is(path[j - 2], "internal_module") || node::is(path[j - 2], "module"))) {
          TSNode ns = node::field(path[j - 2], "name");
          if (node::is(ns, "identifier")) name = std::string(node::text(ns, text_)) + "." + name;
        }
        std::string call = sig + "(" + name + ", " + arguments(f, scope_chain(path, j - 1)) + ");";
        uint32_t end = node::end(path[j]);
        bool closed = text_[end - 1] == ';' || is_declaration(path[j]);
        // insert_right: after every wrapper's `, key)` that ends here too.
        edits_.insert_right(end, (closed ? "" : ";") + call);
        return;
      }
      return;
    }
    // Anything else is wrapped, and so is each HOC call around it:
    // `memo(() => ...)` becomes `_s(memo(_s(() => ..., key)), key)`.
    wrap(path[self], sig, arguments(f, scope_chain(path, self)));
    std::size_t at = self;
    while (at > 0) {
      TSNode p = path[at - 1];
      if (node::is(p, "parenthesized_expression") ||
          (node::is(p, "assignment_expression") && node::same(node::field(p, "right"), path[at]))) {
        --at;
        continue;
      }
      if (!node::is(p, "arguments") || at < 2 || !node::is(path[at - 2], "call_expression")) break;
      at -= 2;
      // A call's signature sees the scope around the call, not the function's.
      wrap(path[at], sig, arguments(f, scope_chain(path, at - 1)));
    }
  }

  // The `var _s = $RefreshSig$()` of each block, on one line.
  void flush_declarations(const PrologueEnd& top) {
    for (auto& [start, d] : declarations_) {
      std::string line = "var ";
      for (std::size_t i = 0; i < d.names.size(); ++i) {
        if (i) line += ", ";
        line += d.names[i] + " = $RefreshSig$()";
      }
      line += ";";
      if (d.program) {
        if (top.after_directive) line.insert(0, top.needs_semicolon ? "; " : " ");
        edits_.insert_left(top.at, line);
      } else {
        // insert_left: before the body's own `_s()`, as Babel orders them.
        BodyStart at = body_start(d.block, text_);
        edits_.insert_left(at.at, (at.semicolon ? ";" : "") + line);
      }
    }
  }

 private:
  struct Declarations {
    bool program = false;
    TSNode block{};
    std::vector<std::string> names;
  };

  static TSNode unwrap(TSNode n) {
    while (node::is(n, "parenthesized_expression") && ts_node_named_child_count(n) == 1)
      n = ts_node_named_child(n, 0);
    return n;
  }

  // In the scope around the function, as Babel's `scope.parent.push`: the
  // nearest block (a function body or the program).
  void declare(const std::vector<TSNode>& path, const std::string& sig) {
    for (std::size_t j = path.size() - 1; j > 0; --j) {
      TSNode b = path[j - 1];
      if (!is_block(b)) continue;
      Declarations& d = declarations_[node::start(b)];
      d.program = node::is(b, "program");
      d.block = b;
      d.names.push_back(sig);
      return;
    }
  }

  // `_s()` first in the body; an expression body becomes a block.
  void call_first(TSNode fn, const std::string& sig) {
    TSNode body = node::field(fn, "body");
    if (node::is(body, "statement_block")) {
      BodyStart at = body_start(body, text_);
      edits_.insert_right(at.at, (at.semicolon ? ";" : "") + sig + "();");
    } else {
      edits_.insert_right(node::start(body), "{ " + sig + "(); return ");
      edits_.insert_left(node::end(body), "; }");
    }
  }

  void wrap(TSNode n, const std::string& sig, const std::string& args) {
    edits_.insert_right(node::start(n), sig + "(");
    edits_.insert_left(node::end(n), ", " + args + ")");
  }

  // `"key"[, forceReset[, function () { return [customHooks]; }]]`
  std::string arguments(const HookFunction& f, const std::vector<TSNode>& scope) {
    std::string key;
    bool force_reset = facts_.force_reset;
    std::vector<std::string_view> custom;
    for (const HookCall& c : f.calls) {
      if (!key.empty()) key += "\n";
      key += c.name + "{" + c.key + "}";
      if (is_builtin_hook(c.name)) continue;
      // `useFoo()` needs `useFoo` in scope, `Lib.useFoo()` needs `Lib`.
      std::string_view binding;
      if (node::is(c.callee, "identifier")) {
        binding = node::text(c.callee, text_);
      } else if (node::is(c.callee, "member_expression")) {
        TSNode object = node::field(c.callee, "object");
        if (node::is(object, "identifier")) binding = node::text(object, text_);
      }
      if (declared_in(binding, scope, text_)) {
        custom.push_back(node::text(c.callee, text_));
      } else {
        force_reset = true;  // it may have changed, unseen: remount
      }
    }
    std::string out = js_string(key);
    if (force_reset || !custom.empty()) out += force_reset ? ", true" : ", false";
    if (!custom.empty()) {
      out += ", function () { return [";
      for (std::size_t i = 0; i < custom.size(); ++i) {
        if (i) out += ", ";
        out += custom[i];
      }
      out += "]; }";
    }
    return out;
  }

  const Facts& facts_;
  std::string_view text_;
  Names& names_;
  EditBuffer& edits_;
  std::map<uint32_t, Declarations> declarations_;  // by block start
};

}  // namespace

void sign_hooks(const Facts& facts, std::string_view text, const PrologueEnd& top, Names& names,
                EditBuffer& edits) {
  Signer signer(facts, text, names, edits);
  // Inner functions first, as Babel signs them on the way out: a wrapped
  // function's `_s(` then sits inside the wrappers of the ones around it.
  for (auto it = facts.functions.rbegin(); it != facts.functions.rend(); ++it) signer.sign(*it);
  signer.flush_declarations(top);
}

}  // namespace hmrc::refresh
