// Dev builds: makes every export a module defines itself patchable, so the
// runtime can copy a new instance's exports into the first instance, the one
// importers are linked to (docs/hmr-design.md).
//   - each exported local binding becomes assignable: `export const` -> `let`,
//     `export default expr` -> a `let` exported as default, an anonymous
//     default function or class gets a name;
//   - a setter `function __hmrc_set(name, value)` over those bindings goes to
//     the end of the file (hoisted, so the header on line 1 can pass it, and
//     no original line moves);
//   - each write to an exported binding reports it, so that a `let` the new
//     instance reassigns reaches importers: `n++` -> `__hmrc_hot.w(n++, "n")`
//     (the runtime reads the new value from the instance's namespace, so the
//     expression keeps its own value).
//
//   export const a = 1;             export let a = 1;
//   export let n = 0;               export let n = 0;
//   export default () => n++;       let __hmrc_default = () => __hmrc_hot.w(n++,
//   "n");Object.defineProperty(...); end:    function __hmrc_set(__hmrc_n, __hmrc_v) { switch
//   (__hmrc_n) { case "a": a = __hmrc_v; break; ... } }
//           export { __hmrc_default as default };
//
// Re-exports (`export * from`, `export { x } from`, an exported import) are
// left alone: they are live bindings of the other module's first instance,
// which is patched in its own right.
#pragma once

#include <string>
#include <string_view>

#include "analysis/analysis.hpp"
#include "emit/edit_buffer.hpp"

namespace hmrc {

struct DevExports {
  bool has_setter = false;  // the trailer declares __hmrc_set
  std::string header;       // statements for the header line
  std::string trailer;      // statements for the end of the file
};

// Adds the edits described above; hot/header places the header, rewrite_hot_dev the trailer.
DevExports rewrite_dev_exports(TSNode root, const Analysis& analysis, std::string_view text,
                               EditBuffer& edits);

}  // namespace hmrc
