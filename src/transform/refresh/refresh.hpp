// React Fast Refresh, the compiler's part (dev builds only): registrations of
// the module's components (refresh/registrations) and signatures of the
// functions that call hooks (refresh/signatures), as React's Babel plugin
// defines them; the runtime half lives in the page (docs/react-refresh.md).
//
//   Input:  export function App() { const [n, setN] = useState(0); return <b>{n}</b>; }
//   Output: var _s = $RefreshSig$();
//           export function App() {_s(); const [n, setN] = useState(0); return <b>{n}</b>; }_c =
//           App;_s(App, "useState{[n, setN](0)}"); var _c; $RefreshReg$(_c, "App");
//
// `$RefreshReg$` and `$RefreshSig$` are globals, as with Babel, unless
// `runtime` is given (the dev server): then the module imports React's
// runtime itself, ids are prefixed by the module's id (`/src/App.tsx App`,
// so that two modules' `App` stay apart), and the module ends by telling
// hmrc's runtime that it is React code (refreshModule, core/refresh.js),
// which decides whether it accepts its own updates. No line moves: the
// declarations go on the first line, statements after the statement they
// follow, the handles at the end.
#pragma once

#include <tree_sitter/api.h>

#include <string>
#include <string_view>

#include "emit/edit_buffer.hpp"
#include "emit/prologue.hpp"

namespace hmrc {

struct RefreshOptions {
  bool enabled = false;  // --react-refresh; never in --prod
  // The dev server: the specifier of React's refresh runtime
  // (`react-refresh/runtime`). Empty: the globals.
  std::string runtime;
  std::string hmrc_runtime;  // set by compile(): CompileOptions::runtime_specifier
  std::string module_id;     // set by compile(): CompileOptions::module_id
};

// Returns whether anything was registered or signed.
bool transform_refresh(TSNode program, std::string_view text, const RefreshOptions& options,
                       const PrologueEnd& top, EditBuffer& edits);

}  // namespace hmrc
