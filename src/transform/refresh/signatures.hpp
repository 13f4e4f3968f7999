// React Refresh hook signatures: every function that calls hooks tells React
// which hooks it calls, so that an edit that changes them remounts the
// component (its state would not fit any more) and any other edit keeps it.
// The rules are those of React's Babel plugin (ReactFreshBabelPlugin.js).
//
//   Input:
//     export function Counter() { const [n, setN] = useState(0); useUser(); ... }
//     const Row = memo(() => { const ctx = useContext(C); ... });
//   Output (`var _s` goes on the first line, after the imports):
//     var _s = $RefreshSig$(), _s2 = $RefreshSig$();
//     export function Counter() {_s(); const [n, setN] = useState(0); useUser(); ... }
//     _s(Counter, "useState{[n, setN](0)}\nuseUser{}", false, function () { return [useUser]; });
//     const Row = _s2(memo(_s2(() => {_s2(); const ctx = useContext(C); ... },
//       "useContext{ctx}")), "useContext{ctx}");
//
// The key lists each hook call as `name{lhs(initial state)}`; the source of
// useState's and useReducer's initial state is part of it, since an edit of it
// must reset. Custom hooks are returned lazily (they may be defined below);
// one that is not bound where the signature is made forces a reset, as does a
// `@refresh reset` comment anywhere in the file. Keys are kept in full, not
// hashed as Babel does by default (its `emitFullSignatures`): React only
// compares them, and the full text explains a reset when one surprises.
// `_s()` is the first statement of the body (an expression body becomes
// `{ _s(); return expr; }`); a function declared by name or bound to a
// variable is signed after its statement, anything else (a HOC's argument) is
// wrapped, and so is each HOC call around it.
#pragma once

#include <tree_sitter/api.h>

#include <string_view>

#include "emit/edit_buffer.hpp"
#include "emit/prologue.hpp"
#include "transform/refresh/facts.hpp"

namespace hmrc::refresh {

// `top`: where the module's own `var _s = $RefreshSig$()` goes.
void sign_hooks(const Facts& facts, std::string_view text, const PrologueEnd& top, Names& names,
                EditBuffer& edits);

}  // namespace hmrc::refresh
