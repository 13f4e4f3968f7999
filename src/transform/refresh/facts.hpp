// What the React Refresh passes (refresh/registrations, refresh/signatures)
// need to know of a module, from one iterative walk over its tree: the hook
// calls of every function, the names used as JSX element types, the names
// that handles must avoid, and whether a comment says `@refresh reset`.
//
//   Input:  function App() { const [n, setN] = useState(0); return <Row />; }
//   Facts:  App's hooks: [useState "[n, setN](0)"]; JSX types: {Row}
//
// The walk runs only when refresh is on (dev builds of React code), so the
// other compiles pay nothing for it.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace hmrc::refresh {

struct HookCall {
  TSNode callee;     // `useFoo` or `React.useState`, as written
  std::string name;  // the callee's last name: `useState`
  std::string key;   // the declarator's left-hand side, then `(initial state)`
};

// A function that calls hooks directly (not through a nested function).
struct HookFunction {
  TSNode node;                    // function_declaration, function_expression, arrow_function...
  std::vector<TSNode> ancestors;  // program first, the function's parent last
  std::vector<HookCall> calls;    // in source order
};

struct Facts {
  std::vector<HookFunction> functions;          // in the order their first hook call appears
  std::unordered_set<std::string> jsx_types;    // `<Foo` and createElement/jsx(Foo, ...)
  std::unordered_set<std::string> identifiers;  // names that start with `_c` or `_s`
  bool force_reset = false;                     // a comment contains `@refresh reset`
};

Facts collect_facts(TSNode program, std::string_view text);

// Is `node` a function whose hooks get a signature: a declaration, a function
// expression or an arrow (methods never hold components).
bool is_function(TSNode node);

// A name not in `taken` and not yet given: `_c`, `_c2`, `_c3`... as Babel's
// generateUidIdentifier, so that outputs read alike.
class Names {
 public:
  Names(const std::unordered_set<std::string>& taken, std::string base)
      : taken_(taken), base_(std::move(base)) {}
  std::string next();

 private:
  const std::unordered_set<std::string>& taken_;
  std::string base_;
  int count_ = 0;
};

// `"..."` with JSON escapes, which JavaScript reads as the same string.
std::string js_string(std::string_view s);

}  // namespace hmrc::refresh
