// Dev builds: every direct import.meta.hot becomes the module's hot context
// `__hmrc_hot` (keeping the line breaks it spanned), which the header
// (hot/header, placed after the TypeScript passes) creates; the setter of
// the exports (hot/exports) goes at the end.
//
//   import.meta.hot.accept("./a.js", f);    __hmrc_hot.accept("./a.js", f);
#pragma once

#include <string_view>

#include "emit/edit_buffer.hpp"
#include "transform/hot/exports.hpp"
#include "transform/hot/uses.hpp"

namespace hmrc {

void rewrite_hot_dev(const HotUses& uses, const DevExports& exports, std::string_view text,
                     EditBuffer& edits);

}  // namespace hmrc
