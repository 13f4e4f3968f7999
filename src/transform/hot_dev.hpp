// Dev builds: every direct import.meta.hot becomes the module's hot context,
// created once by a header on the first line (so no line moves) that tells
// the runtime, before any update, whether the module accepts itself and
// which dependencies it accepts.
//
//   import { a } from "./a.js";            import { createHotContext as __hmrc_createHotContext } from "/@hmrc/runtime.js"; const __hmrc_hot = __hmrc_createHotContext(import.meta.url, { selfAccepting: false, dependencies: { "./a.js": new URL("./a.js", import.meta.url).href } });import { a } from "./a.js";
//   import.meta.hot.accept("./a.js", f);   __hmrc_hot.accept("./a.js", f);
//
// A module that touches import.meta in any other way also gets a getter for
// import.meta.hot that throws: an alias that escaped analysis fails loudly
// instead of reading undefined.
#pragma once

#include <string>
#include <string_view>

#include "edit_buffer.hpp"
#include "hot_uses.hpp"

namespace hmrc {

struct HotDevOptions {
  std::string_view runtime_specifier;
  std::string_view module_id;  // empty: import.meta.url
};

void rewrite_hot_dev(const HotUses& uses, const HotDevOptions& options, std::string_view text,
                     EditBuffer& edits);

}  // namespace hmrc
