// Dev builds: every module gets a header on its first line (so no line
// moves) that creates its hot context and tells the runtime, before any
// update, what it needs to know of the module: its id and URL, whether it
// accepts itself, which dependencies it accepts, the ids of its imports (the
// module graph) and the setter of its exports (hot/exports). It runs after
// the TypeScript passes: an import they elide (types only) is no edge of the
// graph, so the header lists the imports that remain in the output, as
// ModuleInfo::imports does.
//
//   import { a } from "./a.js";          import { createHotContext as __hmrc_createHotContext }
//   import type { T } from "./t.js";     from "/@hmrc/runtime.js"; const __hmrc_hot =
//                                        __hmrc_createHotContext(import.meta.url, { url:
//                                        import.meta.url, selfAccepting: false, dependencies: {},
//                                        imports: [new URL("./a.js", import.meta.url).href] });
//                                        import { a } from "./a.js";
//
// A module that touches import.meta in any other way also gets a getter for
// import.meta.hot that throws: an alias that escaped analysis fails loudly
// instead of reading undefined.
#pragma once

#include <string_view>
#include <vector>

#include "analysis/analysis.hpp"
#include "emit/edit_buffer.hpp"
#include "emit/prologue.hpp"
#include "transform/hot/exports.hpp"
#include "transform/hot/uses.hpp"

namespace hmrc {

struct HotHeaderOptions {
  std::string_view runtime_specifier;
  std::string_view module_id;  // empty: import.meta.url
  PrologueEnd prologue;        // where the header goes
};

// `imports`: those that remain in the output, in source order.
void insert_hot_header(const HotUses& uses, const std::vector<ImportSpecifier>& imports,
                       const DevExports& exports, const HotHeaderOptions& options,
                       EditBuffer& edits);

}  // namespace hmrc
