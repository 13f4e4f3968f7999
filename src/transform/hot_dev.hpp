// Dev builds: every module gets a header on its first line (so no line
// moves) that creates its hot context and tells the runtime, before any
// update, what it needs to know of the module: its id and URL, whether it
// accepts itself, which dependencies it accepts, the ids of its imports (the
// module graph) and the setter of its exports (hot_exports). Every direct
// import.meta.hot becomes that context.
//
//   import { a } from "./a.js";            import { createHotContext as __hmrc_createHotContext }
//   from "/@hmrc/runtime.js"; const __hmrc_hot = __hmrc_createHotContext(import.meta.url, { url:
//   import.meta.url, selfAccepting: false, dependencies: { "./a.js": new URL("./a.js",
//   import.meta.url).href }, imports: [new URL("./a.js", import.meta.url).href] });import { a }
//   from "./a.js"; import.meta.hot.accept("./a.js", f);   __hmrc_hot.accept("./a.js", f);
//
// A module that touches import.meta in any other way also gets a getter for
// import.meta.hot that throws: an alias that escaped analysis fails loudly
// instead of reading undefined.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analysis.hpp"
#include "edit_buffer.hpp"
#include "hot_exports.hpp"
#include "hot_uses.hpp"

namespace hmrc {

struct HotDevOptions {
  std::string_view runtime_specifier;
  std::string_view module_id;  // empty: import.meta.url
};

void rewrite_hot_dev(const HotUses& uses, const std::vector<ImportSpecifier>& imports,
                     const DevExports& exports, const HotDevOptions& options, std::string_view text,
                     EditBuffer& edits);

}  // namespace hmrc
